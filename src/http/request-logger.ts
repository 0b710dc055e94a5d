import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../core/logger.js';
import { pinoOf } from '../logger.js';

/**
 * One structured `http_request` line per request (pino-http): method, path without the query, status, ms and a
 * request id. No bodies, headers or user text. `/healthz` polls are logged at debug: at info they drown the rest.
 */
export function requestLogger(logger: Logger): RequestHandler {
  const fields = (
    req: { method?: string; url?: string; originalUrl?: string },
    res: { statusCode: number },
    responseTime: number,
  ) => ({
    method: req.method,
    // originalUrl: routers see paths relative to their mount point.
    path: (req.originalUrl ?? req.url ?? '').split('?')[0],
    status: res.statusCode,
    ms: responseTime,
  });
  return pinoHttp({
    logger: pinoOf(logger),
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (req) => ((req.url ?? '').split('?')[0] === '/healthz' ? 'debug' : 'info'),
    customSuccessMessage: () => 'http_request',
    customErrorMessage: () => 'http_request',
    customSuccessObject: (req, res, value: { responseTime: number }) => fields(req as never, res, value.responseTime),
    customErrorObject: (req, res, _error, value: { responseTime: number }) =>
      fields(req as never, res, value.responseTime),
  }) as unknown as RequestHandler;
}
