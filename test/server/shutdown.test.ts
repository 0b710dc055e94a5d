import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect, createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { killGroup, spawnServer } from '../helpers/spawn-server.js';

/** A child process in its own group whose stdout JSON log lines are collected (npm's banner is skipped). */
const start = (command: string, args: string[], env: Record<string, string> = {}) =>
  spawnServer({ command: [command, ...args], env, tmpPrefix: 'kfb-shutdown-', parse: 'json-only', detached: true });

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

// test/global-setup.ts builds the bundle (.build/server.mjs) once per run. The four servers start at once: each is
// its own process on its own port, and most of a start is waiting on the model and index (one after another they
// took 12.9 s).
describe.concurrent('graceful shutdown (real child processes)', () => {
  it('SIGTERM: stops accepting, closes idle keep-alive sockets, finishes the in-flight request with Connection: close, exits 0', async () => {
    const server = await start(process.execPath, [resolve('.build/server.mjs')]);
    try {
      const url = new URL(String((await server.waitFor('server_listening')).url));
      await server.waitFor('bot_ready');
      const port = Number(url.port);

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
        s.on('data', () => (s.destroy(), r('served')));
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
    } finally {
      killGroup(server.child);
    }
  });

  it('a request that never finishes is cut off after SHUTDOWN_TIMEOUT_MS, and the exit code says so (1)', async () => {
    const server = await start(process.execPath, [resolve('.build/server.mjs')], { SHUTDOWN_TIMEOUT_MS: '300' });
    try {
      const port = Number(new URL(String((await server.waitFor('server_listening')).url)).port);
      await server.waitFor('bot_ready');
      const stuck = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/ask',
        headers: { 'content-type': 'application/json', 'content-length': 100, expect: '100-continue' },
      });
      const failed = new Promise<void>((r) => stuck.on('error', () => r()));
      await new Promise<void>((r) => stuck.once('continue', () => r()));
      server.child.kill('SIGTERM');
      expect(await server.exit).toBe(1);
      expect(server.lines.some((l) => l.event === 'server_forced_exit')).toBe(true);
      await failed;
    } finally {
      killGroup(server.child);
    }
  });

  it('under `npm start`, SIGTERM to the npm process stops node (no shell in between)', async () => {
    // --ignore-scripts skips only `prestart` (npm still runs `start` itself): its esbuild rebuild of .build/ would
    // rewrite server.mjs while the other servers of this run load it. The global setup built the bundle already.
    const npm = await start('npm', ['start', '--silent', '--ignore-scripts']);
    try {
      await npm.waitFor('bot_ready');
      npm.child.kill('SIGTERM');
      await npm.waitFor('server_stopped', 20_000);
      expect(await npm.exit).not.toBeNull();
    } finally {
      killGroup(npm.child);
    }
  });

  it('a second server on a taken port logs server_error EADDRINUSE and never server_listening', async () => {
    // The port is taken by a plain loopback listener in this process: the server's bind fails the same way as
    // behind a first server, without the ~2 s cold start of one more child.
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const second = await start(process.execPath, [resolve('.build/server.mjs')], { PORT: port });
      try {
        expect(await second.exit).toBe(1);
        expect(second.lines.find((l) => l.event === 'server_error')).toMatchObject({ code: 'EADDRINUSE' });
        expect(second.lines.some((l) => l.event === 'server_listening')).toBe(false);
      } finally {
        killGroup(second.child);
      }
    } finally {
      await new Promise<void>((r) => taken.close(() => r()));
    }
  });
});
