import type { Config } from '../config/env.js';
import type { Logger } from '../core/logger.js';
import { openStorage } from '../storage/open-storage.js';
import type { ReviewPorts } from './bot-ports.js';

/** The storage layer's handle as the review uses it. */
export type ReviewStorage = ReviewPorts & { close: () => Promise<void> };

/** Opens the same database `npm start` uses (`DATABASE_URL`), for `npm run review`. */
export async function openReviewStorage(config: Config, logger: Logger): Promise<ReviewStorage> {
  return openStorage(config, logger);
}
