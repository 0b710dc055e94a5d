import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReplySchema } from '../../src/core/reply.js';

/** What `npm start` runs: the esbuild bundle of src/server.ts (built in beforeAll, as `npm start` builds it). */
const BUNDLE = resolve('.build/server.mjs');

interface Proc {
  child: ChildProcessWithoutNullStreams;
  lines: Record<string, unknown>[];
  stderr: () => string;
  waitFor(event: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves once `condition` holds over the lines seen so far (checked on every new output). */
  waitUntil(condition: () => boolean, timeoutMs?: number): Promise<void>;
  exit: Promise<number | null>;
}

async function startServer(env: Record<string, string>): Promise<Proc> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kfb-server-'));
  const child = spawn(process.execPath, [BUNDLE], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: `sqlite:${join(dataDir, 'bot.db')}`,
      ...env,
    },
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  let buffer = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const p of parts) if (p.trim()) lines.push(JSON.parse(p) as Record<string, unknown>);
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    child,
    lines,
    stderr: () => stderr,
    exit,
    waitUntil: (condition, timeoutMs = 10_000) =>
      new Promise((ok, fail) => {
        const deadline = setTimeout(
          () => fail(new Error(`condition not met within ${timeoutMs} ms; stderr: ${stderr}`)),
          timeoutMs,
        );
        const check = () => {
          if (condition()) {
            clearTimeout(deadline);
            ok();
          } else waiters.push(check);
        };
        check();
      }),
    waitFor: (event, timeoutMs = 30_000) =>
      new Promise((ok, fail) => {
        const deadline = setTimeout(
          () => fail(new Error(`no ${event} within ${timeoutMs} ms; stderr: ${stderr}`)),
          timeoutMs,
        );
        const check = () => {
          const found = lines.find((l) => l.event === event);
          if (found) {
            clearTimeout(deadline);
            ok(found);
          } else waiters.push(check);
        };
        check();
        void exit.then(() => setTimeout(check, 50));
      }),
  };
}

describe('npm start (the bundled src/server.ts)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs']);
  });

  it('listens, serves, logs one JSON line per request, and exits 0 on SIGTERM', async () => {
    const server = await startServer({ ADMIN_TOKEN: 'server-test-token' });
    try {
      const url = String((await server.waitFor('server_listening')).url);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await server.waitFor('bot_ready');
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

      server.child.kill('SIGTERM');
      expect(await server.exit).toBe(0);
      expect(server.lines.some((l) => l.event === 'server_stopped')).toBe(true);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });

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
