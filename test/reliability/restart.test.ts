import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchQuestions } from '../../bench/questions.js';
import { ask, type AnswerFingerprint } from './helpers/http.js';
import { startLoad } from './helpers/load.js';
import { healthStatus, startServer, stopAll, waitFor, type ServerHandle } from './helpers/server.js';

const PROBES = benchQuestions().slice(200, 206);

async function answers(url: string): Promise<AnswerFingerprint[]> {
  const out: AnswerFingerprint[] = [];
  for (const q of PROBES) {
    const { kind, text, citations } = await ask(url, q);
    out.push({ kind, text, citations });
  }
  return out;
}

async function kill9(server: ServerHandle): Promise<void> {
  server.child.kill('SIGKILL');
  expect(await server.exited).toBe('SIGKILL');
}

describe('kill -9 and restart on the same INDEX_DIR', () => {
  let baseline: AnswerFingerprint[];

  beforeAll(async () => {
    const reference = await startServer();
    baseline = await answers(reference.url);
    await reference.stop();
  });
  afterAll(stopAll);

  it('comes back healthy and answers correctly after SIGKILL under load', async () => {
    const first = await startServer();
    const load = startLoad(first.url, benchQuestions().slice(0, 64), {
      concurrency: 4,
      maxTurns: 2_000,
      maxMs: 60_000,
    });
    // Kill while turns are in flight, once some have been answered.
    await waitFor(() => load.ok() >= 10, { timeoutMs: 60_000, what: 'load warm-up' });
    await kill9(first);
    await load.stop();

    const second = await startServer({ indexDir: first.indexDir, port: first.port });
    expect(await answers(second.url)).toEqual(baseline);
    await second.stop();
  });

  it('rebuilds cleanly when killed in the middle of building the index', async () => {
    const first = await startServer({ indexDir: 'empty', noWait: true });
    // Listening but not ready: the index build is under way.
    await waitFor(async () => (await healthStatus(first.url)) === 503, { timeoutMs: 30_000, what: 'loading state' });
    await kill9(first);

    const second = await startServer({ indexDir: first.indexDir });
    expect(await answers(second.url)).toEqual(baseline);
    await second.stop();
  });
});
