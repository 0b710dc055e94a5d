/**
 * Typed errors with a stable `code`. The HTTP error handler maps `status` + `code` to
 * `{ error: { code, message } }`; anything that is not an AppError becomes a generic 500 without details.
 */
export class AppError extends Error {
  constructor(
    message: string,
    /** Stable machine-readable code, part of the public contract. */
    readonly code: string,
    /** HTTP status when the error reaches a client. */
    readonly status = 500,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ConfigError extends AppError {
  constructor(message: string) {
    super(message, 'invalid_config', 500);
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, code = 'bad_request') {
    super(message, code, 400);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found.', code = 'not_found') {
    super(message, code, 404);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Unauthorized.', code = 'unauthorized') {
    super(message, code, 401);
  }
}

export class NotReadyError extends AppError {
  constructor(message = 'The bot is still loading its index; try again in a moment.') {
    super(message, 'not_ready', 503);
  }
}

export class CorpusError extends AppError {
  constructor(message: string) {
    super(message, 'invalid_corpus', 500);
  }
}

export class IndexError extends AppError {
  constructor(message: string, code = 'invalid_index') {
    super(message, code, 500);
  }
}

/**
 * A request the server refuses for now but would take later: 429 (this client is over its rate limit) or 503 (the
 * server is full). The HTTP error handler sends `Retry-After` with {@link RetryLaterError.retryAfterSeconds}.
 */
export class RetryLaterError extends AppError {
  constructor(
    message: string,
    code: 'rate_limited' | 'overloaded' | 'busy',
    status: 429 | 503,
    /** Whole seconds the client should wait before trying again (at least 1). */
    readonly retryAfterSeconds: number,
  ) {
    super(message, code, status);
  }
}
