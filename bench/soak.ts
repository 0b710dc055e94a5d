/**
 * `npm run soak`: N turns over every channel that works anonymously on loopback, at a fixed concurrency, sampling
 * the server's RSS every second (issue 9 target: RSS ≤ 350 MB after 50,000 turns; at concurrency 200, p95 ≤ 1 s for
 * accepted turns). A measurement, not a test: it prints and exits 0 unless the server fails to start.
 *
 *   npm run soak -- --turns 50000 --concurrency 8 --max-seconds 3600
 *   npm run soak -- --turns 5000 --concurrency 200
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchQuestions } from './questions.js';
import { startServer } from './server-process.js';
import {
  apiTurn,
  botFrameworkTurn,
  startSink,
  webchatTurn,
  type TurnResult,
  type WorkerState,
} from './soak-channels.js';
import { percentile } from './stats.js';

const { values } = parseArgs({
  options: {
    turns: { type: 'string', default: '50000' },
    concurrency: { type: 'string', default: '8' },
    'max-seconds': { type: 'string', default: '3600' },
  },
});
const TURNS = Number(values.turns);
const CONCURRENCY = Number(values.concurrency);
const MAX_MS = Number(values['max-seconds']) * 1000;
/** Distinct client addresses (TEST-NET-3; only a header): one soak is many visitors, not one abusive client. */
const CLIENTS = 250;

const mb = (kb: number) => Math.round(kb / 102.4) / 10;
async function rssKb(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'kfb-soak-'));
  const sink = await startSink();
  const server = await startServer(
    {
      INDEX_DIR: process.env.INDEX_DIR ?? join(work, 'index'),
      DATABASE_URL: `sqlite:${join(work, 'bot.db')}`,
      TRUST_PROXY: 'loopback',
    },
    180_000,
  );
  const pid = server.child.pid as number;
  const questions = benchQuestions();
  const results: TurnResult[] = [];
  const samples: number[] = [];
  const startRss = await rssKb(pid, 'VmRSS');
  const sampler = setInterval(() => void rssKb(pid, 'VmRSS').then((kb) => samples.push(kb)), 1_000);
  const started = performance.now();
  let issued = 0;
  let lastReport = started;

  const worker = async (w: number) => {
    const state: WorkerState = { forwardedFor: `203.0.113.${w % CLIENTS}` };
    while (issued < TURNS && performance.now() - started < MAX_MS) {
      const n = issued++;
      state.forwardedFor = `203.0.113.${n % CLIENTS}`;
      const message = questions[n % questions.length] as string;
      // Channel mix: a quarter each (api new, api follow-up, Web Chat, Bot Framework).
      const channel = ['api-new', 'api-follow-up', 'webchat', 'botframework'][n % 4] as string;
      const t = performance.now();
      const status = await (channel === 'webchat'
        ? webchatTurn(server.url, message, state)
        : channel === 'botframework'
          ? botFrameworkTurn(server.url, message, state, sink.url, n)
          : apiTurn(server.url, message, state, channel === 'api-follow-up')
      ).catch(() => 0);
      results.push({ channel, status, ms: performance.now() - t });
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        console.log(
          `  ${results.length} turns, ${Math.round(results.length / ((lastReport - started) / 1000))}/s, RSS ${mb(samples.at(-1) ?? startRss)} MB`,
        );
      }
    }
  };
  console.log(
    `soak: ${TURNS} turns at concurrency ${CONCURRENCY} (max ${MAX_MS / 1000} s), server pid ${pid}, RSS at start ${mb(startRss)} MB`,
  );
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const finalRss = await rssKb(pid, 'VmRSS');
  const peakRss = Math.max(await rssKb(pid, 'VmHWM'), ...samples);
  await server.stop();
  await sink.close();
  await rm(work, { recursive: true, force: true });

  const statuses: Record<string, number> = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const line = (name: string, rs: TurnResult[]) => {
    const ok = rs
      .filter((r) => r.status === 200 || r.status === 201 || r.status === 202)
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    const share = (s: number) =>
      `${((100 * rs.filter((r) => r.status === s).length) / Math.max(1, rs.length)).toFixed(1)}%`;
    return `${name.padEnd(14)} n=${String(rs.length).padStart(6)}  accepted p50 ${Math.round(percentile(ok, 50))} ms  p95 ${Math.round(percentile(ok, 95))} ms  429 ${share(429)}  503 ${share(503)}  errors ${rs.length - ok.length - rs.filter((r) => r.status === 429 || r.status === 503).length}`;
  };
  console.log(
    `\nturns ${results.length} in ${seconds.toFixed(1)} s = ${(results.length / seconds).toFixed(1)} turns/s; replies at the Bot Framework sink: ${sink.replies()}`,
  );
  console.log(
    `RSS: start ${mb(startRss)} MB, peak ${mb(peakRss)} MB, final ${mb(finalRss)} MB (target ≤ 350 MB after 50,000 turns)`,
  );
  console.log(`statuses: ${JSON.stringify(statuses)}`);
  console.log(line('all', results));
  for (const c of ['api-new', 'api-follow-up', 'webchat', 'botframework'])
    console.log(
      line(
        c,
        results.filter((r) => r.channel === c),
      ),
    );
}

await main();
