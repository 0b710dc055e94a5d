import type { Storage, StoreItem } from '@microsoft/agents-hosting';
import { LRUCache } from 'lru-cache';

/** Options for {@link LruStorage}. */
export interface LruStorageOptions {
  /** Most items kept (one per conversation and, for user state, per user); least recently used go first. */
  max: number;
  /** Items not read or written for this long are forgotten. */
  ttlMs: number;
  /** Most characters of stored JSON in all; least recently used items go first. Default 16 million (~32 MB). */
  maxChars?: number;
  /** Clock for expiry (tests); `performance.now`-like milliseconds. */
  now?: () => number;
}

/** Thrown on an optimistic-concurrency conflict, as the SDK's MemoryStorage does. */
export class StorageETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: eTag conflict writing ${key}.`);
    this.name = 'StorageETagConflictError';
  }
}

/**
 * The SDK's `Storage` in memory, bounded and with expiry (the SDK's MemoryStorage keeps every conversation
 * forever). Same semantics as MemoryStorage: items are stored as JSON (reads get copies), every write gets a new
 * eTag, and a write whose eTag is neither `*` nor the stored one is a conflict. Behind the SDK interface so a
 * database-backed storage can replace it later.
 */
export class LruStorage implements Storage {
  private readonly cache: LRUCache<string, string>;
  private etag = 1;

  constructor(options: LruStorageOptions) {
    this.cache = new LRUCache<string, string>({
      max: options.max,
      ttl: options.ttlMs,
      // A count alone does not bound memory: one conversation's state can be 1k or 40k characters.
      maxSize: options.maxChars ?? 16_000_000,
      sizeCalculation: (json) => Math.max(1, json.length),
      // Reading a conversation's state is activity too: an active conversation must not expire mid-use.
      updateAgeOnGet: true,
      // lru-cache caches "now" for a millisecond with a timer; an injected clock must be read on every call.
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  async read(keys: string[]): Promise<StoreItem> {
    if (!keys || keys.length === 0) throw new ReferenceError('Storage.read: keys are required.');
    const items: StoreItem = {};
    for (const key of keys) {
      const stored = this.cache.get(key);
      if (stored !== undefined) items[key] = JSON.parse(stored);
    }
    return items;
  }

  async write(changes: StoreItem): Promise<void> {
    if (!changes || Object.keys(changes).length === 0) throw new ReferenceError('Storage.write: changes are required.');
    // Check every eTag before writing anything, so a conflict leaves the store as it was.
    for (const [key, item] of Object.entries(changes) as [string, StoreItem][]) {
      const stored = this.cache.peek(key);
      if (stored === undefined || !item.eTag || item.eTag === '*') continue;
      if ((JSON.parse(stored) as StoreItem).eTag !== item.eTag) throw new StorageETagConflictError(key);
    }
    for (const [key, item] of Object.entries(changes) as [string, StoreItem][]) {
      this.cache.set(key, JSON.stringify({ ...item, eTag: String(this.etag++) }));
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.cache.delete(key);
  }

  /** How many items are held (expired ones may count until touched; lru-cache purges lazily). */
  get size(): number {
    return this.cache.size;
  }
}
