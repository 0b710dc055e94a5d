import { describe, expect, it } from 'vitest';
import { ReplySchema } from '../../src/core/reply.js';
import { spawnServer } from '../helpers/spawn-server.js';

/** `npm start`'s bundle, with every stdout line required to be JSON (`parse: 'strict'`, the default). */
const startServer = (env: Record<string, string>) => spawnServer({ env });

// test/global-setup.ts builds the bundle once per run. Both servers start at once (each its own process and port).
describe.concurrent('npm start (the bundled src/server.ts)', () => {
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
