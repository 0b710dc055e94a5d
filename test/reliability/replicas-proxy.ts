import { request, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback round-robin HTTP proxy, as nginx would be in front of two replicas (test only). */
export interface RoundRobinProxy {
  url: string;
  /** Which backend (index) served each request, in order. */
  served: number[];
  close(): Promise<void>;
}

/**
 * Sends each request to the next backend in turn, streaming both ways (Web Chat's event stream included). A
 * backend that refuses the connection is skipped, like nginx's `max_fails` (the request goes to the next one),
 * so killing one replica leaves the service up. Bodies are buffered first so a failed attempt can be retried.
 */
export async function startRoundRobinProxy(backends: readonly string[]): Promise<RoundRobinProxy> {
  let next = 0;
  const served: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const index = next++ % backends.length;
        const target = new URL(backends[index] as string);
        const upstream = request(
          { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
          (answer) => {
            served.push(index);
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', () => {
          if (res.headersSent) res.destroy();
          else if (tries + 1 < backends.length) attempt(tries + 1);
          else res.writeHead(502).end();
        });
        // The client left (a closed event stream): let the replica see it too.
        res.on('close', () => upstream.destroy());
        upstream.end(body);
      };
      attempt(0);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
