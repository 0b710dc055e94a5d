/**
 * `npm run bench:cold-start`: the server's cold start alone, `COLD_START_RUNS` times (default 5) after one uncounted
 * start (it builds `.index` if missing and warms the OS file cache), with the phases the server's `bot_ready` line
 * reports (`phasesMs`, src/server.ts). Medians, so one start slowed by another engineer's job does not decide it.
 * A report, not a test: it always exits 0. `npm run bench` measures the same spawn → /healthz among much else.
 */
import { cpus, loadavg } from 'node:os';
import { askOverHttp, SERVER_NODE_FLAGS, startServer } from './server-process.js';

const RUNS = Number(process.env.COLD_START_RUNS ?? 5);
const env = { DATABASE_URL: 'memory:', LOG_LEVEL: 'info' };

interface Run {
  listening: number;
  healthz: number;
  firstAnswer: number;
  modules: number;
  storage: number;
  app: number;
  bot: number;
}

async function once(): Promise<Run> {
  const started = performance.now();
  const server = await startServer(env, 120_000, SERVER_NODE_FLAGS);
  try {
    await askOverHttp(server.url, 'What are the side effects of ketamine?');
    const firstAnswer = performance.now() - started;
    const phases = server.botReady?.phasesMs as Record<string, number> | undefined;
    return {
      listening: server.listeningMs,
      healthz: server.healthyMs,
      firstAnswer,
      modules: phases?.modules ?? Number.NaN,
      storage: phases?.storage ?? Number.NaN,
      app: phases?.app ?? Number.NaN,
      bot: phases?.bot ?? Number.NaN,
    };
  } finally {
    await server.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

await once();
const runs: Run[] = [];
for (let i = 0; i < RUNS; i++) runs.push(await once());
const keys = Object.keys(runs[0] as Run) as (keyof Run)[];
const row = (cells: string[]) => cells.map((v) => v.padStart(11)).join('');
console.log(`cold start, ${RUNS} runs (${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}), ms:`);
console.log(row(['run', ...keys]));
for (const [i, r] of runs.entries()) console.log(row([String(i + 1), ...keys.map((k) => String(Math.round(r[k])))]));
console.log(row(['median', ...keys.map((k) => String(Math.round(median(runs.map((r) => r[k])))))]));
