import type { Conversation, ConversationStore } from '../core/conversation.js';

/** Options for {@link MemoryConversationStore}. */
export interface MemoryConversationStoreOptions {
  /** Forget a conversation after this many ms without a turn. */
  ttlMs: number;
  /** Most conversations kept; the least recently used is evicted first. */
  max: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/** In-memory LRU + TTL store. A Map keeps insertion order, so re-inserting on save makes it an LRU. */
export class MemoryConversationStore implements ConversationStore {
  private readonly entries = new Map<string, { conversation: Conversation; touched: number }>();
  private readonly now: () => number;

  constructor(private readonly options: MemoryConversationStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  async get(id: string): Promise<Conversation | undefined> {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (this.now() - entry.touched > this.options.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    return structuredClone(entry.conversation);
  }

  async save(conversation: Conversation): Promise<void> {
    this.entries.delete(conversation.id);
    this.entries.set(conversation.id, { conversation: structuredClone(conversation), touched: this.now() });
    while (this.entries.size > this.options.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
