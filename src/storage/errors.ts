import { AppError } from '../errors.js';

/** What a client is told: nothing about the driver, the file or the host. */
const PUBLIC_MESSAGE = 'The database is unavailable, so nothing was saved. Please try again in a moment.';

/**
 * The database could not be opened, migrated, read or written: the caller must not pretend it succeeded.
 * The client sees a generic 503 `storage_unavailable`; the driver's error goes to the logs only, through `stack`
 * (which the HTTP error handler and the Bot Framework adapter log) and `cause`.
 */
export class StorageError extends AppError {
  constructor(detail: string, options: { cause?: unknown; code?: string } = {}) {
    super(PUBLIC_MESSAGE, options.code ?? 'storage_unavailable', 503);
    this.cause = options.cause;
    this.stack = `${this.stack}\nDetail: ${detail}${options.cause instanceof Error ? `\nCaused by: ${options.cause.stack}` : ''}`;
  }
}
