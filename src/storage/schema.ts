import type { Generated } from 'kysely';

/**
 * The database schema as Kysely sees it: one table interface per table, the same on SQLite and PostgreSQL.
 * Times that are compared as text are ISO 8601 UTC strings (they sort lexicographically); expiry times are epoch ms
 * (`bigint`: PostgreSQL returns those as strings, so rows are coerced with zod on read).
 */
export interface Database {
  conversations: ConversationsTable;
  feedback: FeedbackTable;
  question_log: QuestionLogTable;
  review_decisions: ReviewDecisionsTable;
  kv: KvTable;
}

export interface ConversationsTable {
  id: string;
  /** The Conversation as JSON (validated with the core's zod schema on read). */
  data: string;
  updated_at: number | string;
  expires_at: number | string;
}

export interface FeedbackTable {
  turn_id: string;
  voter_id: string;
  conversation_id: string;
  kind: string;
  rating: string;
  comment: string | null;
  channel: string;
  at: string;
}

export interface QuestionLogTable {
  turn_id: string;
  conversation_id: string;
  at: string;
  channel: string;
  kind: string;
  category: string | null;
  confidence: number | null;
  question: string | null;
  answer: string | null;
  /** JSON array of unit ids. */
  unit_ids: string;
}

export interface ReviewDecisionsTable {
  id: string;
  /** Insertion order within one `at` millisecond (PostgreSQL and SQLite both fill it). */
  seq: Generated<number>;
  cluster_key: string;
  action: string;
  unit_id: string | null;
  question: string | null;
  decided_by: string;
  at: string;
}

/** Generic expiring key/value rows for channel state (Slack dedupe, Bot Framework state, Web Chat sessions). */
export interface KvTable {
  namespace: string;
  key: string;
  value: string;
  expires_at: number | string | null;
}
