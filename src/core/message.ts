/** The one limit on a user message, in characters after trimming, for every channel. */
export const MAX_MESSAGE_CHARS = 2000;

/**
 * Invisible format characters: zero-width space and joiners, BOM, bidi marks (Unicode category Cf). A message made
 * only of these and white space is empty to a reader and to the model, so it must never reach the embedder.
 */
const INVISIBLE = /\p{Cf}/gu;

/** The message as a reader sees it: invisible format characters removed, white space trimmed. */
export function visibleText(message: string): string {
  return message.replace(INVISIBLE, '').trim();
}

/** True when nothing visible is left of the message (empty, spaces, zero-width characters, BOM). */
export function isBlankMessage(message: string): boolean {
  return visibleText(message) === '';
}
