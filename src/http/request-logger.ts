import type { RequestHandler } from 'express';
import type { Logger } from '../core/logger.js';

/** One structured log line per request: method, path, status, duration. No bodies, no user text. */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    // Health checks poll every few seconds: at info they would drown the lines that matter.
    const log = req.path === '/healthz' ? logger.debug : logger.info;
    res.on('finish', () => {
      log('http_request', {
        method: req.method,
        // originalUrl: routers see paths relative to their mount point.
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - start) / 1e4) / 100,
      });
    });
    next();
  };
}
