import type { Bot } from './bot.js';
import type { FeedbackStore } from './feedback.js';
import type { Logger } from './logger.js';
import type { QuestionLog } from './question-log.js';
import type { ReviewStore } from './review.js';

/**
 * Port: what every channel receives when it is mounted. Generic over the settings type so the core does not depend
 * on the config module; channels use `AppContext` (`src/channels/context.ts`), which fixes it to the app's config.
 */
export interface ChannelContext<TConfig> {
  config: TConfig;
  logger: Logger;
  feedback: FeedbackStore;
  /** The question log staff review (read side; the bot writes it). Absent in tests that do not need it. */
  questionLog?: QuestionLog;
  /** Stored review decisions. Absent in tests that do not need it. */
  reviews?: ReviewStore;
  /**
   * Claims `key` in `namespace` for every replica sharing the database: true when this call is the first within
   * `ttlMs`. Absent: channels deduplicate in process only (one replica).
   */
  claimOnce?(namespace: string, key: string, ttlMs: number): Promise<boolean>;
  /** Resolves when durable storage answers a query, rejects otherwise (`/readyz`). Absent: nothing to check. */
  pingStorage?(): Promise<void>;
  /** The bot once its index is loaded; `undefined` while loading (routes answer 503). */
  getBot(): Bot | undefined;
}
