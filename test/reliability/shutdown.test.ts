import { Agent } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { benchQuestions } from '../../bench/questions.js';
import { postJson, rawRequest, type RawResponse } from './helpers/http.js';
import { alive, descendants } from './helpers/processes.js';
import { healthStatus, startServer, stopAll, waitFor } from './helpers/server.js';
import { slowPost } from './helpers/slow-request.js';

/** Resolves with the exit code, or 'timeout' after `ms`. */
const exitWithin = (exited: Promise<number | string>, ms: number) =>
  Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref())]);

describe('graceful shutdown on SIGTERM', () => {
  afterAll(stopAll);

  it('drains in-flight requests, refuses new ones (also on keep-alive sockets) and exits 0', async () => {
    const server = await startServer();
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    try {
      // Open the keep-alive sockets.
      await Promise.all(Array.from({ length: 4 }, () => rawRequest(server.url, { path: '/healthz', agent })));
      const inFlight = benchQuestions()
        .slice(300, 303)
        .map((q) => slowPost(server.url, '/api/ask', { message: q }));
      await Promise.all(inFlight.map((r) => r.started));
      // Connections are accepted in order: once a later one is served, the in-flight ones are in the server's hands.
      expect((await rawRequest(server.url, { path: '/healthz' })).status).toBe(200);

      // Keep-alive clients that never stop sending: each request is stamped with when it was sent.
      const questions = benchQuestions().slice(0, 48);
      const sent: { at: number; res?: RawResponse; error?: string }[] = [];
      let hammering = true;
      const hammer = async () => {
        for (let i = 0; hammering && i < 5_000; i++) {
          const entry: (typeof sent)[number] = { at: performance.now() };
          sent.push(entry);
          // Real turns, so the sockets are busy (not idle) when the signal lands, as with the audit's clients.
          const message = questions[sent.length % questions.length];
          try {
            entry.res = await postJson(server.url, '/api/ask', { message }, { agent, timeoutMs: 10_000 });
          } catch (error) {
            entry.error = (error as Error).message;
          }
          if (entry.error) return;
        }
      };
      const hammers = Promise.all(Array.from({ length: 4 }, hammer));
      await waitFor(() => sent.length >= 20, { timeoutMs: 10_000, what: 'keep-alive traffic' });

      server.child.kill('SIGTERM');
      // The listener is closed once a new connection is refused: from then on, nothing new may be served.
      await waitFor(async () => (await healthStatus(server.url)) === 0, {
        timeoutMs: 10_000,
        what: 'listener closed after SIGTERM',
      });
      const closedAt = performance.now();

      const drained = await Promise.allSettled(inFlight.map((r) => r.finish()));
      expect(drained.map((d) => (d.status === 'fulfilled' ? d.value.status : `rejected: ${String(d.reason)}`))).toEqual(
        [200, 200, 200],
      );
      await waitFor(() => performance.now() - closedAt > 500 || sent.every((s) => s.res || s.error), {
        timeoutMs: 5_000,
        what: 'post-signal traffic',
      });
      hammering = false;
      await hammers;
      const drainedAt = performance.now();

      const servedAfterClose = sent.filter((s) => s.at > closedAt && s.res && s.res.headers.connection !== 'close');
      console.log(
        `shutdown: ${sent.length} keep-alive requests, ${servedAfterClose.length} served after the listener closed without Connection: close`,
      );
      expect(servedAfterClose.length).toBe(0);

      const code = await exitWithin(server.exited, 10_000);
      console.log(
        `shutdown: exit ${String(code)} ${Math.round(performance.now() - drainedAt)} ms after the last request drained`,
      );
      expect(code).toBe(0);
      expect(performance.now() - drainedAt).toBeLessThan(3_000);
    } finally {
      agent.destroy();
    }
  });

  it('exits non-zero when a request never ends (forced after SHUTDOWN_TIMEOUT_MS)', async () => {
    const server = await startServer({ env: { SHUTDOWN_TIMEOUT_MS: '1500' } });
    const stuck = slowPost(server.url, '/api/ask', { message: 'What is ketamine?' });
    await stuck.started;
    expect((await rawRequest(server.url, { path: '/healthz' })).status).toBe(200);
    try {
      const signalled = performance.now();
      server.child.kill('SIGTERM');
      // Bounded above the shipped 10 s force-exit default, in case SHUTDOWN_TIMEOUT_MS is not a setting.
      const code = await exitWithin(server.exited, 20_000);
      console.log(`forced shutdown: exit ${String(code)} after ${Math.round(performance.now() - signalled)} ms`);
      expect(code).not.toBe('timeout');
      expect(code).not.toBe(0);
    } finally {
      stuck.abort();
    }
  });

  it('`npm start` passes SIGTERM through: node exits too', async () => {
    const npm = await startServer({ command: ['npm', 'start', '--silent'] });
    const tree = await descendants(npm.pid);
    try {
      expect(tree.length).toBeGreaterThan(0);
      npm.child.kill('SIGTERM');
      await waitFor(async () => !(await Promise.all(tree.map(alive))).some(Boolean), {
        timeoutMs: 15_000,
        what: 'node under npm to exit',
      }).catch(() => undefined);
      const left = (await Promise.all(tree.map(async (pid) => ((await alive(pid)) ? pid : undefined)))).filter(
        (p) => p !== undefined,
      );
      expect(left).toEqual([]);
    } finally {
      for (const pid of tree) if (await alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
