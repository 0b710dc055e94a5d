import type { RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RetryLaterError } from '../errors.js';

/** Options for {@link rateLimit}. */
export interface RateLimitOptions {
  /** Requests allowed per client in each window. */
  points: number;
  /** Window length in seconds. */
  durationSeconds: number;
  /** Names the limit in the 429 message and keeps limiters that share a store apart. */
  name: string;
  /**
   * The store. In memory unless given: per replica. Once conversations live in the shared database, pass a
   * `RateLimiterPostgres` / `RateLimiterSQLite` over it and the same limit holds across replicas.
   */
  limiter?: RateLimiterAbstract;
}

/**
 * Per-client rate limit keyed by `req.ip`, which is the socket's address unless `TRUST_PROXY` tells express to
 * believe `X-Forwarded-For`. Over the limit: 429 `rate_limited` with `Retry-After` (via the central handler).
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const limiter =
    options.limiter ??
    new RateLimiterMemory({ points: options.points, duration: options.durationSeconds, keyPrefix: options.name });
  return (req, res, next) => {
    limiter
      .consume(req.ip ?? req.socket.remoteAddress ?? 'unknown')
      .then((state) => {
        res.set('ratelimit-limit', String(options.points));
        res.set('ratelimit-remaining', String(state.remainingPoints));
        next();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RateLimiterRes)) {
          // A store failure must not take the endpoint down with it: let the request through.
          next();
          return;
        }
        next(
          new RetryLaterError(
            `Too many ${options.name} from this client; try again in ${Math.ceil(error.msBeforeNext / 1000)} s.`,
            'rate_limited',
            429,
            error.msBeforeNext / 1000,
          ),
        );
      });
  };
}
