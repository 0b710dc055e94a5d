/**
 * Port: expiring key/value state shared by all replicas, by namespace (e.g. `slack:events`). Values are strings
 * (JSON for structured state). A key whose TTL has passed reads as absent and can be claimed again. Implemented by
 * the storage layer (`src/storage`) on memory, SQLite and PostgreSQL.
 */
export interface KeyValueStore {
  get(namespace: string, key: string): Promise<string | undefined>;
  /** Sets the value; without `ttlMs` it never expires. */
  set(namespace: string, key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets the key unless a live value holds it; true when this call took it (first caller wins, across replicas). */
  claim(namespace: string, key: string, value: string, ttlMs: number): Promise<boolean>;
  /**
   * Replaces the live value only if it is exactly `expected` (compare-and-set, one atomic statement); true when it
   * did. Optimistic concurrency for state two replicas may write at once (Bot Framework eTags).
   */
  replace(namespace: string, key: string, expected: string, value: string, ttlMs?: number): Promise<boolean>;
  delete(namespace: string, key: string): Promise<void>;
  /** Deletes expired keys; returns how many. */
  sweep(): Promise<number>;
}
