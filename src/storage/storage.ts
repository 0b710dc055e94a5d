import type { Conversation, ConversationStore } from '../core/conversation.js';
import type { FeedbackStore } from '../core/feedback.js';
import type { QuestionLog } from '../core/question-log.js';
import type { ReviewStore } from '../core/review.js';

/** A conversation store whose entries expire `ttlMs` after their last save; `sweep` deletes the expired ones. */
export interface ExpiringConversationStore extends ConversationStore {
  get(id: string): Promise<Conversation | undefined>;
  /** Deletes expired conversations; returns how many. Reads never return an expired one, swept or not. */
  sweep(): Promise<number>;
}

/**
 * Expiring key/value state shared by all replicas, by namespace (e.g. `slack:events`). Values are strings (JSON
 * for structured state). A key whose TTL has passed reads as absent and can be claimed again.
 */
export interface KeyValueStore {
  get(namespace: string, key: string): Promise<string | undefined>;
  /** Sets the value; without `ttlMs` it never expires. */
  set(namespace: string, key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets the key unless a live value holds it; true when this call took it (first caller wins, across replicas). */
  claim(namespace: string, key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(namespace: string, key: string): Promise<void>;
  /** Deletes expired keys; returns how many. */
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
  /** Channel state shared across replicas (the next step: Slack dedupe, Bot Framework state, Web Chat sessions). */
  kv: KeyValueStore;
  /** Resolves when the database answers a query (for `/readyz`); rejects otherwise. */
  ping(): Promise<void>;
  /** Closes connections (the SQLite file handle, the PostgreSQL pool). */
  close(): Promise<void>;
}
