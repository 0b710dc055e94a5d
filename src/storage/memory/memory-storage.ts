import type { Storage } from '../storage.js';
import { MemoryConversationStore } from './memory-conversation-store.js';
import { MemoryKeyValueStore } from './memory-kv-store.js';
import { MemoryFeedbackStore } from './memory-feedback-store.js';
import { MemoryQuestionLog } from './memory-question-log.js';
import { MemoryReviewStore } from './memory-review-store.js';

/** Options for {@link createMemoryStorage}. */
export interface MemoryStorageOptions {
  /** Conversation expiry after the last save, ms. */
  conversationTtlMs: number;
  /** Most conversations kept (LRU beyond that). */
  conversationMax: number;
  /** Clock in ms, injectable for tests. */
  now?: () => number;
}

/** Every port in process memory: nothing survives a restart (tests, evals, `DATABASE_URL=memory:`). */
export function createMemoryStorage(options: MemoryStorageOptions): Storage {
  return {
    engine: 'memory',
    conversations: new MemoryConversationStore({
      ttlMs: options.conversationTtlMs,
      max: options.conversationMax,
      ...(options.now ? { now: options.now } : {}),
    }),
    feedback: new MemoryFeedbackStore(),
    questionLog: new MemoryQuestionLog(),
    reviews: new MemoryReviewStore(),
    kv: new MemoryKeyValueStore(options.now),
    ping: async () => {},
    close: async () => {},
  };
}
