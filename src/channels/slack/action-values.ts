import { z } from 'zod';

/**
 * Button `value`s carry what a click needs, as compact JSON (Slack allows 2000 characters). Slack signs
 * the click, but the value still crosses a boundary, so every click is parsed with these schemas.
 */
export const ACTION_IDS = {
  suggestion: 'ketamine_suggest',
  thumbsUp: 'ketamine_feedback_up',
  thumbsDown: 'ketamine_feedback_down',
  postToChannel: 'ketamine_post_to_channel',
} as const;

/** The optional-comment modal opened by thumbs-down (its `private_metadata` is the {@link FeedbackValue}). */
export const COMMENT_VIEW = { callbackId: 'ketamine_feedback_comment', blockId: 'comment', actionId: 'text' } as const;

/** Longest question stored in a button value (values are capped at 2000 characters). */
export const MAX_VALUE_QUESTION_CHARS = 1500;

const conversationId = z.string().min(1).max(256);

/** A suggested question: ask `q` in conversation `c` (used when the click has no thread to go by). */
export const SuggestionValueSchema = z.object({
  q: z.string().trim().min(1).max(MAX_VALUE_QUESTION_CHARS),
  c: conversationId.optional(),
});
export type SuggestionValue = z.infer<typeof SuggestionValueSchema>;

/** Thumbs up/down on turn `t` (of kind `k`) in conversation `c`. */
export const FeedbackValueSchema = z.object({
  t: z.string().min(1).max(128),
  k: z.string().min(1).max(32),
  c: conversationId,
});
export type FeedbackValue = z.infer<typeof FeedbackValueSchema>;

/** Post the private `/ketamine` answer of turn `t` (question `q`, conversation `c`) to the channel. */
export const PostValueSchema = z.object({
  t: z.string().min(1).max(128),
  q: z.string().min(1).max(MAX_VALUE_QUESTION_CHARS),
  c: conversationId,
});
export type PostValue = z.infer<typeof PostValueSchema>;

export function encodeValue(value: SuggestionValue | FeedbackValue | PostValue): string {
  return JSON.stringify(value);
}

/** Parses a button value with `schema`; undefined when it is not what this app put there. */
export function decodeValue<T>(schema: z.ZodType<T>, raw: string | undefined): T | undefined {
  if (raw === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
