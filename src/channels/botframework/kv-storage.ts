import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem } from '@microsoft/agents-hosting';
import type { KeyValueStore } from '../../core/key-value.js';
import { StorageETagConflictError } from './lru-storage.js';

/** Options for {@link KvStorage}. */
export interface KvStorageOptions {
  /** Items expire this long after their last write (the turn that answers writes the conversation's state). */
  ttlMs: number;
  /** The kv namespace (default `bf:state`). */
  namespace?: string;
  /**
   * Largest item, in characters of JSON (default 256k). Our per-conversation state is bounded by construction
   * (CONVERSATION_HISTORY_TURNS turns of ≤ 10k-character messages plus 20 reply ids: well under 100k); the cap
   * stops anything else from growing one row without limit.
   */
  maxItemChars?: number;
}

/** Thrown when one item would exceed {@link KvStorageOptions.maxItemChars}. */
export class StorageItemTooLargeError extends Error {
  constructor(
    readonly key: string,
    readonly chars: number,
  ) {
    super(`Storage: item ${key} is ${chars} characters, over the limit.`);
    this.name = 'StorageItemTooLargeError';
  }
}

/**
 * The Agents SDK `Storage` on the shared key/value store (SQLite or PostgreSQL), replacing the in-process
 * `LruStorage` when storage is durable: a Teams or Web Chat conversation's state survives a restart and is the same
 * on every replica. MemoryStorage semantics: items are JSON (reads get copies), every write gets a new eTag (a
 * UUID, unique across replicas), and a write whose eTag is neither `*` nor the stored one is a conflict. Unlike
 * MemoryStorage the check is atomic across replicas: a conditional write is a compare-and-set on the stored JSON
 * (`kv.replace`) or an insert-if-absent (`kv.claim`), so of two replicas writing from the same eTag exactly one wins.
 * Bounded by expiry (swept hourly with the rest of `kv`) and a per-item size cap instead of an LRU count.
 */
export class KvStorage implements Storage {
  private readonly namespace: string;
  private readonly maxItemChars: number;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly options: KvStorageOptions,
  ) {
    this.namespace = options.namespace ?? 'bf:state';
    this.maxItemChars = options.maxItemChars ?? 256_000;
  }

  async read(keys: string[]): Promise<StoreItem> {
    if (!keys || keys.length === 0) throw new ReferenceError('Storage.read: keys are required.');
    const values = await Promise.all(keys.map((key) => this.kv.get(this.namespace, key)));
    const items: StoreItem = {};
    keys.forEach((key, i) => {
      const stored = values[i];
      if (stored !== undefined) items[key] = JSON.parse(stored);
    });
    return items;
  }

  async write(changes: StoreItem): Promise<void> {
    if (!changes || Object.keys(changes).length === 0) throw new ReferenceError('Storage.write: changes are required.');
    const entries = Object.entries(changes) as [string, StoreItem][];
    const stored = await Promise.all(entries.map(([key]) => this.kv.get(this.namespace, key)));
    // Check every eTag (and size) before writing anything, so a conflict found here leaves the store as it was.
    const writes = entries.map(([key, item], i) => {
      const current = stored[i];
      const conditional = Boolean(item.eTag) && item.eTag !== '*' && current !== undefined;
      if (conditional && (JSON.parse(current as string) as StoreItem).eTag !== item.eTag) {
        throw new StorageETagConflictError(key);
      }
      const json = JSON.stringify({ ...item, eTag: randomUUID() });
      if (json.length > this.maxItemChars) throw new StorageItemTooLargeError(key, json.length);
      return { key, json, current, conditional: Boolean(item.eTag) && item.eTag !== '*' };
    });
    for (const { key, json, current, conditional } of writes) {
      if (!conditional) {
        await this.kv.set(this.namespace, key, json, this.options.ttlMs);
        continue;
      }
      // Another replica may have written since the read above: only the one whose expectation still holds wins.
      const won =
        current === undefined
          ? await this.kv.claim(this.namespace, key, json, this.options.ttlMs)
          : await this.kv.replace(this.namespace, key, current, json, this.options.ttlMs);
      if (!won) throw new StorageETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.kv.delete(this.namespace, key)));
  }
}
