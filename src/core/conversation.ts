import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { RefusalCategorySchema, ReplyKindSchema } from './reply.js';

/** One remembered turn. JSON-serialisable so any storage (memory, Bot Framework state, Slack, a database) keeps it. */
export const TurnRecordSchema = z.object({
  /** The user's message as sent. */
  message: z.string(),
  /** The query retrieval used (the message, or the message resolved against the earlier topic). */
  resolvedQuery: z.string(),
  kind: ReplyKindSchema,
  category: RefusalCategorySchema.optional(),
  /** Content terms that name the turn's topic, used to resolve elliptical follow-ups. */
  topic: z.array(z.string()),
  /** Chunk ids cited in the reply. */
  chunkIds: z.array(z.string()),
  /** Epoch ms. */
  at: z.number(),
});
export type TurnRecord = z.infer<typeof TurnRecordSchema>;

/** Per-conversation state handed to `handleTurn`. */
export const ConversationSchema = z.object({ id: z.string(), turns: z.array(TurnRecordSchema) });
export type Conversation = z.infer<typeof ConversationSchema>;

export function newConversation(id: string = randomUUID()): Conversation {
  return { id, turns: [] };
}

/** Port: storage for conversations keyed by id; channels with their own state (Bot Framework) may bypass it. */
export interface ConversationStore {
  get(id: string): Promise<Conversation | undefined>;
  save(conversation: Conversation): Promise<void>;
}
