import { createServer, type Server } from 'node:http';

/** A tiny loopback listener standing in for a Bot Framework channel: records what the bot posts, answers 200. */
export interface Sink {
  url: string;
  /** Requests received so far (method, path, parsed JSON body when it was JSON). */
  received: { method: string; path: string; body: unknown }[];
  close(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const received: Sink['received'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      // Bounded: a long soak must not keep every reply.
      if (received.length < 10_000) received.push({ method: req.method ?? '', path: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `sink-${received.length}` }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
