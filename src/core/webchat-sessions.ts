/**
 * Port: Web Chat bridge sessions and their replay logs, shared by every replica (the storage layer implements it on
 * SQLite and PostgreSQL). A session is a conversation id with the hash of its secret token; its log holds the last
 * activities, each with a per-conversation sequence number that is the SSE event id (Last-Event-ID replay).
 */
export interface WebChatSessionStore {
  /**
   * Stores a new session unless `max` live ones exist. Full: `{ created: false, retryAfterMs }` (until the oldest
   * expires), so the bridge can answer 503 `busy` instead of evicting someone.
   */
  create(
    session: { id: string; tokenHash: string; userId: string },
    limits: { ttlMs: number; max: number },
  ): Promise<{ created: true } | { created: false; retryAfterMs: number }>;
  /** The session's user id if it is live and `tokenHash` matches; renews its TTL. */
  authorize(id: string, tokenHash: string, ttlMs: number): Promise<string | undefined>;
  /**
   * Appends an activity (JSON) to a live session's log, renews the session, trims the log to `keep` entries and
   * `keepChars` characters (always keeping the newest); returns its sequence number, or undefined for an unknown
   * or expired session.
   */
  append(
    id: string,
    json: string,
    bounds: { keep: number; keepChars: number; ttlMs: number },
  ): Promise<number | undefined>;
  /** Logged activities with `seq > afterSeq`, per conversation, oldest first. */
  after(cursors: readonly { id: string; afterSeq: number }[]): Promise<{ id: string; seq: number; json: string }[]>;
  /**
   * Deletes expired sessions with their logs, then, while all logs together exceed `maxChars`, the logs of the
   * sessions idle the longest (sessions and all). Returns how many sessions went.
   */
  sweep(maxChars: number): Promise<number>;
}
