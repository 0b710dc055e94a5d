import { LRUCache } from 'lru-cache';
import type { Conversation } from '../../core/conversation.js';
import type { ExpiringConversationStore } from '../storage.js';

/** Options for {@link MemoryConversationStore}. */
export interface MemoryConversationStoreOptions {
  /** Forget a conversation after this many ms without a turn. */
  ttlMs: number;
  /** Most conversations kept; the least recently used is evicted first. */
  max: number;
  /** Clock in ms, injectable for tests. */
  now?: () => number;
}

/** In-memory LRU + TTL store (lru-cache). Saving renews the TTL; copies in and out so callers cannot alias state. */
export class MemoryConversationStore implements ExpiringConversationStore {
  private readonly entries: LRUCache<string, Conversation>;

  constructor(options: MemoryConversationStoreOptions) {
    const now = options.now ?? Date.now;
    // ttlResolution 0: no cached clock reading, so an expiry is exact (also under an injected test clock).
    this.entries = new LRUCache<string, Conversation>({
      max: options.max,
      ttl: options.ttlMs,
      perf: { now },
      ttlResolution: 0,
    });
  }

  async get(id: string): Promise<Conversation | undefined> {
    const conversation = this.entries.get(id);
    return conversation && structuredClone(conversation);
  }

  async save(conversation: Conversation): Promise<void> {
    this.entries.set(conversation.id, structuredClone(conversation));
  }

  async sweep(): Promise<number> {
    const before = this.entries.size;
    this.entries.purgeStale();
    return before - this.entries.size;
  }

  get size(): number {
    return this.entries.size;
  }
}
