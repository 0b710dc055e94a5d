import { z } from 'zod';

/** One piece of user feedback on one bot turn, from any channel. */
export const FeedbackSchema = z.object({
  conversationId: z.string().min(1).max(256),
  /** The `meta.turnId` of the reply being rated. */
  turnId: z.string().min(1).max(128),
  /** The kind of the rated reply (answer, refusal, ...). */
  kind: z.string().min(1).max(32),
  rating: z.enum(['up', 'down']),
  /** Optional free-text comment (Teams feedback form, Web Chat). */
  comment: z.string().max(2000).optional(),
  channel: z.string().min(1).max(32),
  /** ISO time, set by the store when missing. */
  at: z.string().optional(),
});
export type Feedback = z.infer<typeof FeedbackSchema>;

/** Port: where feedback goes. Channels depend on this interface, never on a storage format. */
export interface FeedbackStore {
  add(feedback: Feedback): Promise<void>;
  list(): Promise<Feedback[]>;
}
