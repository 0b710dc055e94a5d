/**
 * `npm run bench`: latency, throughput, index build, cold start and memory of the answering core, against the
 * targets in issue 2. A report, not a test: it always exits 0. Results also go to reports/bench.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createBot } from '../src/chat/create-bot.js';
import { newConversation } from '../src/core/conversation.js';
import { parseConfig } from '../src/config/env.js';
import { loadCorpusData } from '../src/corpus/corpus.js';
import { loadUseLiteModel, UseLiteEmbeddings } from '../src/embeddings/use-lite.js';
import { buildIndex } from '../src/index/build.js';
import { benchQuestions, disjointSets } from './questions.js';
import { askOverHttp, startServer } from './server-process.js';
import { runPhase, type PhaseResult } from './stats.js';
import { printTable, type Row } from './table.js';

const PER_PHASE = Number(process.env.BENCH_QUESTIONS ?? 100);
const COLD_STARTS = 3;
const CORPUS_DIR = resolve('corpus');

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'kfb-bench-'));
  const indexDir = join(work, 'index');
  const sets = disjointSets(benchQuestions(), 4, PER_PHASE);
  console.log(`Benchmark: ${sets.flat().length} distinct questions (${PER_PHASE} per phase), corpus ${CORPUS_DIR}\n`);

  // 1. Index build (model weights loaded first and timed apart: they load once per process either way).
  let t = performance.now();
  await loadUseLiteModel();
  const modelLoadMs = performance.now() - t;
  t = performance.now();
  const data = await loadCorpusData(CORPUS_DIR);
  const built = await buildIndex(indexDir, CORPUS_DIR, data, new UseLiteEmbeddings());
  const buildMs = performance.now() - t;
  console.log(
    `index: ${built.manifest.chunks} chunks, ${built.manifest.texts} vectors, build ${Math.round(buildMs)} ms (+ model load ${Math.round(modelLoadMs)} ms)`,
  );

  // 2. In-process through handleTurn.
  const config = parseConfig({ ...process.env, CORPUS_DIR, INDEX_DIR: indexDir, LOG_LEVEL: 'silent' });
  const bot = await createBot({ config });
  const viaCore = (q: string) =>
    bot.handleTurn({ message: q, channel: 'bench' }, newConversation()).then((r) => r.kind);
  const phases: PhaseResult[] = [];
  phases.push(await runPhase('handleTurn', sets[0] as string[], 1, viaCore));
  phases.push(await runPhase('handleTurn', sets[1] as string[], 8, viaCore));
  // The floor under every answer: one USE-lite query embedding (fresh instance, so no cached vectors).
  const bare = new UseLiteEmbeddings({ queryCacheSize: 1, batching: false });
  const batched = new UseLiteEmbeddings({ queryCacheSize: 1 });
  const embedOnly = (e: UseLiteEmbeddings) => (q: string) => e.embedQuery(q).then(() => 'vector');
  const floor = [
    await runPhase('USE-lite embedQuery only', sets[0] as string[], 1, embedOnly(bare)),
    await runPhase('USE-lite embedQuery, batched', sets[1] as string[], 8, embedOnly(batched)),
  ];
  // A repeated question (issue 11: ≤ 3 ms): the first phase's questions again, each in a fresh conversation.
  const repeated = await runPhase('handleTurn, repeated question', sets[0] as string[], 1, viaCore);

  // 3. Cold start of the server (spawned like `npm start`, index already built), then HTTP phases on the last one.
  // Every bench client is 127.0.0.1: lift the per-client rate limit, which would otherwise answer 429 after 60 turns.
  const serverEnv = {
    CORPUS_DIR,
    INDEX_DIR: indexDir,
    DATABASE_URL: `sqlite:${join(work, 'bot.db')}`,
    LOG_LEVEL: 'info',
    RATE_LIMIT_TURNS_PER_MINUTE: '1000000',
    // On the shared 2-core machine (load average 15 seen) the default 500 ms queue wait turned c8 turns into 503s
    // and aborted the whole run; the bench measures answers, so a queued turn waits (up to 10 s) instead.
    TURN_QUEUE_MAX_WAIT_MS: '10000',
  };
  const colds: { healthyMs: number; firstAnswerMs: number; listeningMs: number; botReadyMs: number }[] = [];
  let peakRssMb = Number.NaN;
  for (let i = 0; i < COLD_STARTS; i++) {
    const started = performance.now();
    const server = await startServer(serverEnv);
    try {
      await askOverHttp(server.url, `Cold start question ${i}: what are the side effects of ketamine?`);
      colds.push({
        healthyMs: server.healthyMs,
        firstAnswerMs: performance.now() - started,
        listeningMs: server.listeningMs,
        botReadyMs: server.botReadyMs,
      });
      if (i === COLD_STARTS - 1) {
        phases.push(await runPhase('HTTP /api/ask', sets[2] as string[], 1, (q) => askOverHttp(server.url, q)));
        phases.push(await runPhase('HTTP /api/ask', sets[3] as string[], 8, (q) => askOverHttp(server.url, q)));
        peakRssMb = await server.peakRssMb();
      }
    } finally {
      await server.stop();
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const coldHealthy = median(colds.map((c) => c.healthyMs));
  const coldAnswer = median(colds.map((c) => c.firstAnswerMs));
  const benchRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

  const http1 = phases[2] as PhaseResult;
  const http8 = phases[3] as PhaseResult;
  const core1 = phases[0] as PhaseResult;
  const core8 = phases[1] as PhaseResult;
  const embed1 = floor[0] as PhaseResult;
  const rows: Row[] = [
    // Issue 11's targets: p50 of a turn against one embedding measured in the same run (a ratio survives load).
    {
      metric: 'handleTurn p50 ÷ one embedding p50, c1',
      value: Math.round((core1.p50Ms / embed1.p50Ms) * 100) / 100,
      unit: '×',
      target: 1.2,
      better: 'lower',
    },
    { metric: 'repeated question, handleTurn p50', value: repeated.p50Ms, unit: 'ms', target: 3, better: 'lower' },
    { metric: 'p95 latency, HTTP, c1 (issue 11)', value: http1.p95Ms, unit: 'ms', target: 40, better: 'lower' },
    {
      metric: 'answers/s, handleTurn, c8 (issue 11)',
      value: core8.answersPerSec,
      unit: '/s',
      target: 150,
      better: 'higher',
    },
    { metric: 'peak RSS, server (issue 11)', value: peakRssMb, unit: 'MB', target: 300, better: 'lower' },
    { metric: 'p95 latency, HTTP, concurrency 1', value: http1.p95Ms, unit: 'ms', target: 50, better: 'lower' },
    { metric: 'p95 latency, handleTurn, concurrency 1', value: core1.p95Ms, unit: 'ms', target: 50, better: 'lower' },
    { metric: 'answers/s, HTTP, concurrency 8', value: http8.answersPerSec, unit: '/s', target: 100, better: 'higher' },
    {
      metric: 'answers/s, handleTurn, concurrency 8',
      value: core8.answersPerSec,
      unit: '/s',
      target: 100,
      better: 'higher',
    },
    {
      metric: 'cold start → /healthz 200 (median)',
      value: Math.round(coldHealthy),
      unit: 'ms',
      target: 2000,
      better: 'lower',
    },
    {
      metric: 'cold start → first answer (median)',
      value: Math.round(coldAnswer),
      unit: 'ms',
      target: 2000,
      better: 'lower',
    },
    {
      metric: 'index build (embed + HNSW + save)',
      value: Math.round(buildMs),
      unit: 'ms',
      target: 10_000,
      better: 'lower',
    },
    {
      metric: 'index build incl. model load',
      value: Math.round(buildMs + modelLoadMs),
      unit: 'ms',
      target: 10_000,
      better: 'lower',
    },
    { metric: 'peak RSS, server process', value: peakRssMb, unit: 'MB', target: 350, better: 'lower' },
  ];
  console.log('\nLatency and throughput per phase:');
  console.table(
    [...phases, repeated, ...floor].map((p) => ({
      phase: p.name,
      conc: p.concurrency,
      n: p.questions,
      p50: p.p50Ms,
      p95: p.p95Ms,
      max: p.maxMs,
      'ans/s': p.answersPerSec,
      kinds: JSON.stringify(p.kinds),
    })),
  );
  console.log('\nAgainst the targets:');
  printTable(rows);
  console.log(`\nCold starts (spawn → listening / bot_ready in-process / healthz 200 / first answer, ms):`);
  for (const c of colds)
    console.log(
      `  ${Math.round(c.listeningMs)} / ${c.botReadyMs} / ${Math.round(c.healthyMs)} / ${Math.round(c.firstAnswerMs)}`,
    );
  console.log(
    `(bench process peak RSS ${benchRssMb} MB; ${cpus().length} CPUs, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')})`,
  );
  await import('./storage.js').then(async (s) => s.printStorageBench(await s.storageBench(config)));

  await mkdir('reports', { recursive: true });
  const report = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadAverage: loadavg(),
    questionsPerPhase: PER_PHASE,
    index: {
      chunks: built.manifest.chunks,
      vectors: built.manifest.texts,
      buildMs: Math.round(buildMs),
      modelLoadMs: Math.round(modelLoadMs),
    },
    phases,
    repeated,
    embeddingFloor: floor,
    coldStarts: colds.map((c) => ({
      listeningMs: Math.round(c.listeningMs),
      botReadyMs: c.botReadyMs,
      healthyMs: Math.round(c.healthyMs),
      firstAnswerMs: Math.round(c.firstAnswerMs),
    })),
    peakRssMb: { server: peakRssMb, benchProcess: benchRssMb },
    targets: rows.map((r) => ({ ...r, pass: r.better === 'lower' ? r.value <= r.target : r.value >= r.target })),
  };
  await writeFile('reports/bench.json', `${JSON.stringify(report, null, 2)}\n`);
  console.log('Wrote reports/bench.json');
  await rm(work, { recursive: true, force: true });
}

// A report, not a gate: print the failure and still exit 0, but never hang.
// 5 minutes by default; BENCH_WATCHDOG_MINUTES for a shared, loaded machine (the index build alone took 150 s at a
// load average of 25, 2026-12-02).
const watchdogMinutes = Number(process.env.BENCH_WATCHDOG_MINUTES ?? 5);
const watchdog = setTimeout(() => {
  console.error(`bench: gave up after ${watchdogMinutes} minutes`);
  process.exit(0);
}, watchdogMinutes * 60_000);
watchdog.unref();
main()
  .catch((error: unknown) => {
    console.error('bench failed:', error);
  })
  .finally(() => process.exit(0));
