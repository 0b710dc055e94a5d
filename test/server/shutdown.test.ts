import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/** A child process whose stdout JSON log lines are collected (non-JSON lines, e.g. npm's banner, are skipped). */
async function start(command: string, args: string[], env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'kfb-shutdown-'));
  const child = spawn(command, args, {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: `sqlite:${join(dataDir, 'bot.db')}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so cleanup can reach a node that npm left behind.
    detached: true,
  });
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const p of parts) if (p.startsWith('{')) lines.push(JSON.parse(p) as Record<string, unknown>);
    for (const w of [...waiters]) w();
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const waitFor = (event: string, timeoutMs = 60_000) =>
    new Promise<Record<string, unknown>>((ok, fail) => {
      const deadline = setTimeout(
        () => fail(new Error(`no ${event} within ${timeoutMs} ms; stderr: ${stderr}`)),
        timeoutMs,
      );
      const check = () => {
        const found = lines.find((l) => l.event === event);
        if (!found) return;
        clearTimeout(deadline);
        waiters.delete(check);
        ok(found);
      };
      waiters.add(check);
      check();
    });
  return { child, lines, exit, waitFor };
}

/** Kills the child's whole process group (npm, sh, node), whatever is left of it. */
const kill = (child: ChildProcess) => {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
};

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

describe('graceful shutdown (real child processes)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs']);
  });

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
      kill(server.child);
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
      kill(server.child);
    }
  });

  it('under `npm start`, SIGTERM to the npm process stops node (no shell in between)', async () => {
    const npm = await start('npm', ['start', '--silent']);
    try {
      await npm.waitFor('bot_ready');
      npm.child.kill('SIGTERM');
      await npm.waitFor('server_stopped', 20_000);
      expect(await npm.exit).not.toBeNull();
    } finally {
      kill(npm.child);
    }
  });

  it('a second server on a taken port logs server_error EADDRINUSE and never server_listening', async () => {
    const first = await start(process.execPath, [resolve('.build/server.mjs')]);
    try {
      const port = new URL(String((await first.waitFor('server_listening')).url)).port;
      const second = await start(process.execPath, [resolve('.build/server.mjs')], { PORT: port });
      try {
        expect(await second.exit).toBe(1);
        expect(second.lines.find((l) => l.event === 'server_error')).toMatchObject({ code: 'EADDRINUSE' });
        expect(second.lines.some((l) => l.event === 'server_listening')).toBe(false);
      } finally {
        kill(second.child);
      }
    } finally {
      kill(first.child);
    }
  });
});
