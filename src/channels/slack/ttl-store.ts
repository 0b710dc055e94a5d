import { LRUCache } from 'lru-cache';

/**
 * The Slack channel's short-lived, bounded memory (retried event ids, threads the bot talks in, answers waiting to
 * be posted). A port, so a later change can move it to a database without touching the handlers.
 */
export interface TtlStore<V> {
  get(key: string): V | undefined;
  has(key: string): boolean;
  set(key: string, value: V): void;
  /** Sets `key` unless it is already present; true when this call added it (first caller wins). */
  claim(key: string, value: V): boolean;
  delete(key: string): void;
  readonly size: number;
}

/** Options for {@link createTtlStore}. */
export interface TtlStoreOptions {
  /** Forget an entry this many ms after it was set. */
  ttlMs: number;
  /** Most entries kept; the least recently used goes first, so memory stays bounded under any load. */
  max: number;
  /** Clock in ms, injectable for tests. */
  now?: () => number;
}

/** An in-process {@link TtlStore} on `lru-cache` (TTL + max). */
export function createTtlStore<V extends NonNullable<unknown>>(options: TtlStoreOptions): TtlStore<V> {
  const cache = new LRUCache<string, V>({
    max: options.max,
    ttl: options.ttlMs,
    // An injected clock is read on every check: lru-cache otherwise caches "now" for 1 ms, which a test clock defeats.
    ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
  });
  return {
    get: (key) => cache.get(key),
    has: (key) => cache.has(key),
    set: (key, value) => {
      cache.set(key, value);
    },
    claim: (key, value) => {
      if (cache.has(key)) return false;
      cache.set(key, value);
      return true;
    },
    delete: (key) => {
      cache.delete(key);
    },
    get size() {
      return cache.size;
    },
  };
}
