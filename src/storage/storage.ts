import type { Conversation, ConversationStore } from '../core/conversation.js';
import type { FeedbackStore } from '../core/feedback.js';
import type { KeyValueStore } from '../core/key-value.js';
import type { QuestionLog } from '../core/question-log.js';
import type { ReviewStore } from '../core/review.js';
import type { WebChatSessionStore } from '../core/webchat-sessions.js';

export type { KeyValueStore } from '../core/key-value.js';

/** A conversation store whose entries expire `ttlMs` after their last save; `sweep` deletes the expired ones. */
export interface ExpiringConversationStore extends ConversationStore {
  get(id: string): Promise<Conversation | undefined>;
  /** Deletes expired conversations; returns how many. Reads never return an expired one, swept or not. */
  sweep(): Promise<number>;
}

/** Which engine backs a {@link Storage}. */
export type StorageEngine = 'memory' | 'sqlite' | 'postgres';

/** Every durable port of the app, opened from one setting (`DATABASE_URL`) by `openStorage`. */
export interface Storage {
  readonly engine: StorageEngine;
  conversations: ExpiringConversationStore;
  feedback: FeedbackStore;
  questionLog: QuestionLog;
  reviews: ReviewStore;
  /** Channel state shared across replicas: Slack dedupe and threads, Bot Framework state. */
  kv: KeyValueStore;
  /** Web Chat bridge sessions and replay logs; absent on memory (the bridge then keeps them in process). */
  webchat?: WebChatSessionStore;
  /** Resolves when the database answers a query (for `/readyz`); rejects otherwise. */
  ping(): Promise<void>;
  /** Closes connections (the SQLite file handle, the PostgreSQL pool). */
  close(): Promise<void>;
}
