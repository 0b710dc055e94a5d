import type { Bot } from './bot.js';
import type { FeedbackStore } from './feedback.js';
import type { Logger } from './logger.js';

/**
 * Port: what every channel receives when it is mounted. Generic over the settings type so the core does not depend
 * on the config module; channels use `AppContext` (`src/channels/context.ts`), which fixes it to the app's config.
 */
export interface ChannelContext<TConfig> {
  config: TConfig;
  logger: Logger;
  feedback: FeedbackStore;
  /** The bot once its index is loaded; `undefined` while loading (routes answer 503). */
  getBot(): Bot | undefined;
}
