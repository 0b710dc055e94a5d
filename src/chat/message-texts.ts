import { MAX_MESSAGE_CHARS } from '../core/message.js';

/**
 * The one wording, for every channel, of the two ways a message can be unusable before it reaches the bot. The
 * limit itself is core's `MAX_MESSAGE_CHARS`; channels check it and answer with these texts.
 */
export const MESSAGE_TEXTS = {
  /** API error message and chat reply for a message over the limit. */
  tooLong: `That message is too long: please keep it under ${MAX_MESSAGE_CHARS} characters.`,
  /** API error message for a message with nothing visible in it (spaces, zero-width characters, BOM). */
  empty: 'The message is empty: type a question about ketamine therapy.',
  /** Chat reply for such a message: a prompt, not an error. */
  blankPrompt: "I didn't catch a question there. What would you like to know about ketamine therapy?",
  /** Chat reply for a question that refers back ("and how long does it last?") when nothing came before it. */
  needsContext:
    "I'm not sure what that refers to: this is the start of our conversation. Could you ask the whole question, naming what it is about?",
} as const;
