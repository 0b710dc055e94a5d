import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplySchema } from '../../src/core/reply.js';
import { type SpawnedServer, spawnServer } from '../helpers/spawn-server.js';

/** `npm start`'s bundle, with every stdout line required to be JSON (`parse: 'strict'`, the default). */
const startServer = (env: Record<string, string>) => spawnServer({ env });

function responseOf(req: ClientRequest): Promise<{ res: IncomingMessage; body: string }> {
  return new Promise((ok, fail) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => ok({ res, body }));
    });
    req.on('error', fail);
  });
}

// test/global-setup.ts builds the bundle once per run. The bad setting's server starts beside the served one.
describe.concurrent('npm start (the bundled src/server.ts)', () => {
  it('a bad setting exits 1 with a message naming the variable', async () => {
    const server = await startServer({ LOG_LEVEL: 'loud' });
    const code = await Promise.race([
      server.exit,
      new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000)),
    ]);
    if (code === 'timeout') server.child.kill('SIGKILL');
    expect(code).toBe(1);
    expect(server.stderr()).toMatch(/LOG_LEVEL: must be one of/);
    expect(server.stderr()).not.toMatch(/\bat .+:\d+:\d+/);
  });
});

// One served process for both tests below (each model-loading start costs ~2.5-3.5 s of CPU): the first serves and
// logs requests; the second ends the same process with SIGTERM, which is the last thing either needs of it. They run
// in order (not concurrent), and the second's request counts are its own.
describe('npm start: one served process, then SIGTERM', () => {
  let server: SpawnedServer;
  let url: string;
  beforeAll(async () => {
    server = await startServer({ ADMIN_TOKEN: 'server-test-token' });
    url = String((await server.waitFor('server_listening')).url);
    await server.waitFor('bot_ready');
  });
  afterAll(() => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  });

  it('listens on loopback, serves, logs one JSON line per request without the question, wires the review', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const isAsk = (l: Record<string, unknown>) => l.event === 'http_request' && l.path === '/api/ask';
    const before = server.lines.filter(isAsk).length;
    const res = await fetch(`${url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'What are the side effects of ketamine?' }),
    });
    expect(res.status).toBe(200);
    ReplySchema.parse(await res.json());
    await server.waitUntil(() => server.lines.filter(isAsk).length > before);
    const requests = server.lines.filter(isAsk).slice(before);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/ask', status: 200, level: 'info' });
    expect(JSON.stringify(server.lines)).not.toContain('What are the side effects');
    // Files shipped beside the code resolve from the bundle too.
    expect((await fetch(`${url}/widget.js`)).status).toBe(200);
    expect((await fetch(`${url}/`)).status).toBe(200);
    const refusal = await fetch(`${url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'How many mg of ketamine should I take?' }),
    });
    expect(((await refusal.json()) as { kind: string }).kind).toBe('refusal');
    // The staff review is wired to the same database: both turns above are in its counts.
    const summary = await fetch(`${url}/admin/api/summary`, {
      headers: { authorization: 'Bearer server-test-token' },
    });
    expect(summary.status).toBe(200);
    const counts = ((await summary.json()) as { counts: { byKind: Record<string, number> } }).counts;
    expect(counts.byKind).toMatchObject({ answer: 1, refusal: 1 });
  });

  it('SIGTERM: stops accepting, closes idle keep-alive sockets, finishes the in-flight request with Connection: close, exits 0', async () => {
    const port = Number(new URL(url).port);

    // An idle keep-alive socket: one request answered, the socket left open.
    const idle = connect(port, '127.0.0.1');
    const idleClosed = new Promise<void>((r) => idle.on('close', () => r()));
    await new Promise<void>((r) => {
      idle.once('data', () => r());
      idle.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    });

    // An in-flight request: headers sent, body not yet. The server's `100 Continue` proves it has parsed the
    // headers, so the request is in flight (not an idle socket) when the signal arrives.
    const body = JSON.stringify({ message: 'What are the side effects of ketamine?' });
    const inFlight = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/ask',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
      },
    });
    const answered = responseOf(inFlight);
    await new Promise<void>((r) => inFlight.once('continue', () => r()));

    server.child.kill('SIGTERM');
    await server.waitFor('server_stopping');
    await idleClosed;
    // No new connection is served once stopping (refused, or reset from the closed listener's backlog).
    const probe = await new Promise<string>((r) => {
      const s = connect(port, '127.0.0.1');
      s.on('connect', () => s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
      s.on('data', () => {
        s.destroy();
        r('served');
      });
      s.on('error', (e: NodeJS.ErrnoException) => r(String(e.code)));
      s.on('close', () => r('closed'));
    });
    expect(probe, JSON.stringify(server.lines)).not.toBe('served');

    inFlight.end(body);
    const { res, body: text } = await answered;
    expect(res.statusCode).toBe(200);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(text)).toMatchObject({ kind: 'answer' });
    expect(await server.exit).toBe(0);
    expect(server.lines.some((l) => l.event === 'server_stopped')).toBe(true);
    expect(server.lines.some((l) => l.event === 'server_forced_exit')).toBe(false);
  });
});
