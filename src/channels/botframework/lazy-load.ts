import type { Logger } from '../../core/logger.js';
import { AppError } from '../../errors.js';

/**
 * Loads a module of the Microsoft 365 Agents SDK side on first use (the SDK takes ~1.1 s to load, cold-start
 * profile, round 8, and most processes never get a Bot Framework activity early): callers that arrive while it
 * loads share the one load. A failed load is logged and forgotten, so the next request tries again, and reaches the
 * client as a 503 `channel_unavailable` with our error shape (never the loader's text, which names files).
 */
export function lazily<T>(load: () => Promise<T>, logger: Logger): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      logger.error('botframework_load_failed', { error: error instanceof Error ? error.message : String(error) });
      throw new AppError(
        'The Bot Framework channel could not be started; try again in a moment.',
        'channel_unavailable',
        503,
      );
    });
    return loading;
  };
}
