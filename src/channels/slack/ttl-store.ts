import { LRUCache } from 'lru-cache';
import type { KeyValueStore } from '../../core/key-value.js';

/**
 * The Slack channel's short-lived, bounded memory (retried event ids, threads the bot talks in, answers waiting to
 * be posted), in process. {@link SharedTtlStore} is what the handlers use: this one, or the database's.
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

/**
 * The same memory, possibly shared by every replica: each call may go to the database. Used by the handlers, so a
 * retry, a double delivery or a click that reaches the other replica sees what this one recorded.
 */
export interface SharedTtlStore<V> {
  get(key: string): Promise<V | undefined>;
  has(key: string): Promise<boolean>;
  set(key: string, value: V): Promise<void>;
  /** Sets `key` unless it is already present; true when this call added it (first caller wins, across replicas). */
  claim(key: string, value: V): Promise<boolean>;
  delete(key: string): Promise<void>;
}

/** An in-process {@link TtlStore} behind the async interface (one replica; tests). */
export function inProcess<V extends NonNullable<unknown>>(store: TtlStore<V>): SharedTtlStore<V> {
  return {
    get: async (key) => store.get(key),
    has: async (key) => store.has(key),
    set: async (key, value) => store.set(key, value),
    claim: async (key, value) => store.claim(key, value),
    delete: async (key) => store.delete(key),
  };
}

/** Options for {@link kvTtlStore}. */
export interface KvTtlStoreOptions {
  namespace: string;
  /** Forget an entry this many ms after it was set. */
  ttlMs: number;
  /** Told about a failed database call; the store then answers as if the key were absent. */
  onError: (what: string, error: unknown) => void;
}

/**
 * A {@link SharedTtlStore} on the shared key/value store (values as JSON). Fails open: when the database is down a
 * claim succeeds and a read finds nothing, because a possible duplicate answer beats a lost one (the same choice
 * as the event dedupe in `event-dedupe.ts`). The count bound of the in-process store becomes the TTL plus the
 * hourly kv sweep: the database holds what one workspace sends in the TTL, a few MB at most.
 */
export function kvTtlStore<V>(kv: KeyValueStore, options: KvTtlStoreOptions): SharedTtlStore<V> {
  const { namespace, ttlMs, onError } = options;
  const safely = async <T>(what: string, run: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      onError(`${namespace} ${what}`, error);
      return fallback;
    }
  };
  return {
    get: (key) =>
      safely(
        'get',
        async () => {
          const json = await kv.get(namespace, key);
          return json === undefined ? undefined : (JSON.parse(json) as V);
        },
        undefined,
      ),
    has: (key) => safely('get', async () => (await kv.get(namespace, key)) !== undefined, false),
    set: (key, value) => safely('set', () => kv.set(namespace, key, JSON.stringify(value), ttlMs), undefined),
    claim: (key, value) => safely('claim', () => kv.claim(namespace, key, JSON.stringify(value), ttlMs), true),
    delete: (key) => safely('delete', () => kv.delete(namespace, key), undefined),
  };
}
