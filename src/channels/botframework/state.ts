import type { TurnState } from '@microsoft/agents-hosting';
import { z } from 'zod';
import { ConversationSchema, newConversation, type Conversation } from '../../core/conversation.js';

/** How many recent bot replies we remember for feedback lookups (Teams rates a reply by its activity id). */
const MAX_RECENT_REPLIES = 20;
/** Where our state lives inside the SDK's conversation scope (`conversation.<key>`). */
const STATE_PATH = 'conversation.faq';

const RecentReplySchema = z.object({
  turnId: z.string(),
  kind: z.string(),
  /** The id the channel gave our reply activity (Teams feedback refers to it as `replyToId`). */
  activityId: z.string().optional(),
});
export type RecentReply = z.infer<typeof RecentReplySchema>;

/** What we keep per Bot Framework conversation: the core's Conversation plus the ids of recent replies. */
export const FaqStateSchema = z.object({
  conversation: ConversationSchema,
  recent: z.array(RecentReplySchema),
});
export type FaqState = z.infer<typeof FaqStateSchema>;

/**
 * Reads our state from the loaded turn state. Anything unreadable (an older shape, a corrupted store) starts a
 * fresh conversation rather than failing the turn: losing follow-up context is better than losing the answer.
 */
export function readFaqState(state: TurnState, conversationId: string): FaqState {
  const parsed = FaqStateSchema.safeParse(state.getValue(STATE_PATH));
  if (parsed.success && parsed.data.conversation.id === conversationId) return parsed.data;
  return { conversation: newConversation(conversationId), recent: [] };
}

/** Stores the conversation and remembers this reply (newest last, bounded). */
export function writeFaqState(state: TurnState, conversation: Conversation, reply?: RecentReply): void {
  const current = FaqStateSchema.safeParse(state.getValue(STATE_PATH));
  const recent = current.success ? current.data.recent : [];
  const next: FaqState = {
    conversation: structuredClone(conversation),
    recent: reply ? [...recent, reply].slice(-MAX_RECENT_REPLIES) : recent,
  };
  state.setValue(STATE_PATH, next);
}

/** Finds a remembered reply by turn id or by the channel's activity id. */
export function findRecentReply(
  state: TurnState,
  ref: { turnId?: string; activityId?: string },
): RecentReply | undefined {
  const parsed = FaqStateSchema.safeParse(state.getValue(STATE_PATH));
  if (!parsed.success) return undefined;
  return parsed.data.recent.find(
    (r) =>
      (ref.turnId !== undefined && r.turnId === ref.turnId) ||
      (ref.activityId !== undefined && r.activityId === ref.activityId),
  );
}
