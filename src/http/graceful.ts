import type { Server, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';

/** Options for {@link drainOnSignal}. */
export interface DrainOptions {
  server: Server;
  logger: Logger;
  /** Give up on in-flight requests after this long and exit 1 (default 10 s: under a container's 30 s kill). */
  forceAfterMs?: number;
  /** Exits the process; injectable for tests. */
  exit?: (code: number) => void;
}

/**
 * Graceful shutdown on SIGTERM/SIGINT: stop accepting connections, close idle keep-alive sockets, mark every
 * response still to come `Connection: close` (so keep-alive clients cannot keep sending new requests), let
 * in-flight requests finish, then exit 0. Exit 1 only when forced. Returns `isDraining` for the request path.
 */
export function drainOnSignal(options: DrainOptions): { isDraining: () => boolean } {
  const { server, logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let draining = false;
  // Responses not yet finished: on drain, those whose headers are still unsent get `Connection: close`.
  const open = new Set<ServerResponse>();
  // Open event streams (Web Chat's SSE) never finish by themselves: end them on drain, the browser reconnects.
  const streams = new Set<ServerResponse>();
  // Before express sees the request, so the header is set before any response can start.
  server.prependListener('request', (req, res) => {
    if (draining) res.setHeader('connection', 'close');
    open.add(res);
    res.on('close', () => open.delete(res));
    if (String(req.headers.accept ?? '').includes('text/event-stream')) {
      streams.add(res);
      res.on('close', () => streams.delete(res));
      if (draining) setImmediate(() => res.end());
    }
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (draining) return;
      draining = true;
      logger.info('server_stopping', { signal });
      server.close(() => {
        logger.info('server_stopped', {});
        exit(0);
      });
      server.closeIdleConnections();
      for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
      for (const stream of streams) stream.end();
      setTimeout(() => {
        logger.error('server_forced_exit', { afterMs: options.forceAfterMs ?? 10_000 });
        server.closeAllConnections();
        exit(1);
      }, options.forceAfterMs ?? 10_000).unref();
    });
  }
  return { isDraining: () => draining };
}
