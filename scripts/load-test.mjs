/**
 * Bounded loopback load test for the turn queue (load shedding): starts the bundled server, runs CONCURRENCY clients
 * posting /api/ask for DURATION seconds, probes /healthz every 100 ms, and prints p50/p95 of accepted turns, the
 * share of 503 `overloaded`, and /healthz latency. Rate limits are lifted (every client is 127.0.0.1).
 *
 *   npm run build && node scripts/load-test.mjs [concurrency=200] [seconds=10]
 *   TURN_CONCURRENCY=2 TURN_QUEUE_MAX=8 node scripts/load-test.mjs      # try other limits
 *
 * A refused client waits for its Retry-After, as a polite client does; LOAD_BACKOFF_MS=50 makes refused clients
 * come back after 50 ms instead (a hostile mix). Loopback only, and it stops by itself.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const clients = Number(process.argv[2] ?? 200);
const seconds = Number(process.argv[3] ?? 10);
const QUESTIONS = [
  'What are the side effects of ketamine?',
  'Is ketamine safe?',
  'How long does a ketamine infusion take?',
  'Is ketamine addictive?',
  'Can ketamine help with depression?',
  'Do I need someone to drive me home?',
  'How many infusions are usually needed?',
  'What does ketamine feel like?',
  'Is esketamine FDA approved?',
  'Can ketamine treat PTSD?',
  'How quickly does ketamine work?',
  'Who should not take ketamine?',
];

// A free port picked here: at LOG_LEVEL=warn the server does not print the one it got.
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const dataDir = mkdtempSync(join(tmpdir(), 'kfb-load-'));
const child = spawn(process.execPath, ['.build/server.mjs'], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: `sqlite:${join(dataDir, 'bot.db')}`,
    RATE_LIMIT_TURNS_PER_MINUTE: '1000000',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
child.on('exit', (code) => {
  if (code !== 0) console.error(`server exited ${code}`);
});
const base = `http://127.0.0.1:${port}`;
while ((await fetch(`${base}/healthz`).catch(() => ({ status: 0 }))).status !== 200) await sleep(100);

const accepted = [];
const health = [];
let overloaded = 0;
let other = 0;
const end = Date.now() + seconds * 1000;
let n = 0;

async function client() {
  while (Date.now() < end) {
    const q = `${QUESTIONS[n % QUESTIONS.length]} (${n++})`;
    const t = performance.now();
    const res = await fetch(`${base}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: q }),
    });
    await res.arrayBuffer();
    if (res.status === 200) accepted.push(performance.now() - t);
    else if (res.status === 503) {
      overloaded++;
      await sleep(
        process.env.LOAD_BACKOFF_MS
          ? Number(process.env.LOAD_BACKOFF_MS)
          : Number(res.headers.get('retry-after') ?? 1) * 1000,
      );
    } else other++;
  }
}
async function prober() {
  while (Date.now() < end) {
    const t = performance.now();
    await (await fetch(`${base}/healthz`)).arrayBuffer();
    health.push(performance.now() - t);
    await sleep(100);
  }
}
await Promise.all([prober(), ...Array.from({ length: clients }, client)]);
child.kill('SIGTERM');

const pct = (xs, p) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN;
const total = accepted.length + overloaded + other;
console.log(
  JSON.stringify(
    {
      clients,
      seconds,
      turnConcurrency: process.env.TURN_CONCURRENCY ?? 'default',
      turnQueueMax: process.env.TURN_QUEUE_MAX ?? 'default',
      requests: total,
      accepted: accepted.length,
      acceptedPerSecond: Math.round(accepted.length / seconds),
      acceptedP50Ms: Math.round(pct(accepted, 50)),
      acceptedP95Ms: Math.round(pct(accepted, 95)),
      acceptedMaxMs: Math.round(Math.max(...accepted)),
      overloaded503: overloaded,
      overloadedShare: Math.round((overloaded / total) * 1000) / 1000,
      other,
      healthzP50Ms: Math.round(pct(health, 50) * 10) / 10,
      healthzP95Ms: Math.round(pct(health, 95) * 10) / 10,
      healthzMaxMs: Math.round(Math.max(...health) * 10) / 10,
    },
    null,
    1,
  ),
);

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
