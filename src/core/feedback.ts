import { z } from 'zod';

/** A vote: thumbs up, thumbs down, or `none` when the voter un-presses their earlier vote. */
export const VOTES = ['up', 'down', 'none'] as const;
export const VoteSchema = z.enum(VOTES);
export type Vote = z.infer<typeof VoteSchema>;

/** One voter's current vote on one bot turn, from any channel. */
export const FeedbackSchema = z.object({
  conversationId: z.string().min(1).max(256),
  /** The `meta.turnId` of the reply being rated; also the id of its question-log entry. */
  turnId: z.string().min(1).max(128),
  /** Who voted (channel user id; the conversation id where the channel has no user identity). */
  voterId: z.string().min(1).max(256),
  /** The kind of the rated reply (answer, refusal, ...). */
  kind: z.string().min(1).max(32),
  rating: VoteSchema,
  /** Optional free-text comment, collected on thumbs-down (Teams feedback form, Web Chat, Slack). */
  comment: z.string().max(2000).optional(),
  channel: z.string().min(1).max(32),
  /** ISO time of the latest change, set by the store when missing. */
  at: z.string().optional(),
});
export type Feedback = z.infer<typeof FeedbackSchema>;

/** Filter for {@link FeedbackStore.list}. */
export interface FeedbackQuery {
  rating?: Vote;
  /** ISO time; only votes changed at or after it. */
  since?: string;
  limit?: number;
}

/**
 * Port: where feedback goes. Channels depend on this interface, never on a storage format.
 * `vote` is an upsert keyed by (turnId, voterId): one current vote per turn and voter, an un-vote is stored as
 * `rating: 'none'`. It resolves only once the vote is durable, so a channel may acknowledge after it.
 */
export interface FeedbackStore {
  vote(feedback: Feedback): Promise<void>;
  /** Current votes, newest change first. */
  list(query?: FeedbackQuery): Promise<Feedback[]>;
}
