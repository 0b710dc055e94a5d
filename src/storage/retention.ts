import type { Logger } from '../core/logger.js';
import type { Storage } from './storage.js';

/** Options for {@link startRetention}. */
export interface RetentionOptions {
  storage: Pick<Storage, 'conversations' | 'questionLog'> & Partial<Pick<Storage, 'kv'>>;
  logger: Logger;
  /** Question-log entries older than this many days are deleted (QUESTION_LOG_RETENTION_DAYS). */
  questionLogDays: number;
  /** How often to purge and sweep. */
  intervalMs?: number;
  now?: () => number;
}

/** Hourly: the log's retention is counted in days and conversations expire after an hour by default. */
const DEFAULT_INTERVAL_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/**
 * Purges question-log entries past retention and sweeps expired conversations once now (awaited, so a start after a
 * long downtime begins clean), then every `intervalMs` on an unref'd timer that never keeps the process alive.
 * Failures are logged, never thrown: a missed purge is retried at the next tick. Returns a stop function.
 */
export async function startRetention(options: RetentionOptions): Promise<() => void> {
  const now = options.now ?? Date.now;
  const run = async (): Promise<void> => {
    try {
      const before = new Date(now() - options.questionLogDays * DAY_MS).toISOString();
      const purged = await options.storage.questionLog.purgeBefore(before);
      const expired = (await options.storage.conversations.sweep()) + ((await options.storage.kv?.sweep()) ?? 0);
      if (purged + expired > 0) options.logger.info('storage_retention', { purged, expired });
    } catch (error) {
      options.logger.warn('storage_retention_failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };
  await run();
  const timer = setInterval(() => void run(), options.intervalMs ?? DEFAULT_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
