/**
 * Issue 13's storage target: a turn with SQLite or PostgreSQL state adds at most 2 ms p50 over in-memory state.
 * Each engine gets its own bot (own answer memo, own embedding cache) over the same index; the questions run
 * round-robin across the bots, so machine noise and warm-up hit every engine alike. A turn here is what a channel
 * does: `bot.ask` with a conversation id (load the conversation, answer, save it) plus the question-log write.
 * PostgreSQL runs only when TEST_DATABASE_URL or a postgres:// DATABASE_URL is given. Run alone: `tsx bench/storage.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBot } from '../src/chat/create-bot.js';
import { parseConfig, type Config } from '../src/config/env.js';
import { UseLiteEmbeddings } from '../src/embeddings/use-lite.js';
import { silentLogger } from '../src/logger.js';
import { openStorage } from '../src/storage/open-storage.js';
import type { Storage } from '../src/storage/storage.js';
import { benchQuestions } from './questions.js';
import { percentile } from './stats.js';

/** One engine's figures. */
export interface StorageBenchRow {
  engine: string;
  turnP50Ms: number;
  /** p50 of (this engine's turn − the in-memory turn for the same question). */
  deltaP50Ms: number;
  /** p50 of the storage work alone for one turn (conversation get + save + log append). */
  storageOpsP50Ms: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Runs the comparison; `questions` turns per engine (each question twice: a first turn and a follow-up). */
export async function storageBench(
  config: Config,
  questions = benchQuestions().slice(0, 60),
): Promise<StorageBenchRow[]> {
  const work = await mkdtemp(join(tmpdir(), 'kfb-bench-storage-'));
  const pgUrl =
    process.env.TEST_DATABASE_URL ?? (/^postgres/.test(config.DATABASE_URL ?? '') ? config.DATABASE_URL : undefined);
  const targets = [
    { engine: 'memory', url: 'memory:' },
    { engine: 'sqlite', url: `sqlite:${join(work, 'bot.db')}` },
    ...(pgUrl ? [{ engine: 'postgres', url: pgUrl }] : []),
  ];
  const engines: {
    engine: string;
    storage: Storage;
    ask: (q: string, id: string) => Promise<unknown>;
    ms: number[];
  }[] = [];
  for (const t of targets) {
    const storage = await openStorage({ ...config, DATABASE_URL: t.url }, silentLogger);
    const bot = await createBot({
      config,
      embeddings: new UseLiteEmbeddings(),
      conversations: storage.conversations,
      questionLog: storage.questionLog,
    });
    const ask = (message: string, conversationId: string) => bot.ask({ message, conversationId, channel: 'bench' });
    engines.push({ engine: t.engine, storage, ask, ms: [] });
  }
  const run = Date.now();
  for (const e of engines) await e.ask('warm-up: what is ketamine?', `warm-${e.engine}-${run}`);
  for (const [i, q] of questions.entries()) {
    for (const message of [q, 'and how long does that last?']) {
      // Rotate which engine goes first, so none always runs right after another's turn.
      for (const [k] of engines.entries()) {
        const e = engines[(k + i) % engines.length]!;
        const t = performance.now();
        await e.ask(message, `bench-${e.engine}-${run}-${i}`);
        e.ms.push(performance.now() - t);
      }
    }
  }
  const rows: StorageBenchRow[] = [];
  const memory = engines[0]!;
  for (const e of engines) {
    const ops: number[] = [];
    for (let i = 0; i < 300; i++) {
      const id = `ops-${e.engine}-${run}-${i}`;
      const t = performance.now();
      const conversation = (await e.storage.conversations.get(id)) ?? { id, turns: [] };
      await e.storage.conversations.save(conversation);
      await e.storage.questionLog.append({
        turnId: id,
        conversationId: id,
        at: new Date().toISOString(),
        channel: 'bench',
        kind: 'answer',
        question: 'q',
        answer: 'a',
        unitIds: [],
      });
      ops.push(performance.now() - t);
    }
    const deltas = e.ms.map((ms, i) => ms - (memory.ms[i] as number)).sort((a, b) => a - b);
    rows.push({
      engine: e.engine,
      turnP50Ms: round(
        percentile(
          [...e.ms].sort((a, b) => a - b),
          50,
        ),
      ),
      deltaP50Ms: round(percentile(deltas, 50)),
      storageOpsP50Ms: round(
        percentile(
          ops.sort((a, b) => a - b),
          50,
        ),
      ),
    });
    await e.storage.close();
  }
  await rm(work, { recursive: true, force: true });
  return rows;
}

/** Prints the figure against the ≤ 2 ms target. */
export function printStorageBench(rows: StorageBenchRow[]): void {
  console.log('\nTurn with SQLite / PostgreSQL state vs in-memory (p50 delta, target ≤ 2 ms):');
  for (const r of rows) {
    const verdict = r.engine === 'memory' ? '' : r.deltaP50Ms <= 2 ? '  ✓' : '  ✗ over target';
    console.log(
      `  ${r.engine.padEnd(8)} turn p50 ${r.turnP50Ms} ms, delta p50 ${r.deltaP50Ms} ms, storage ops p50 ${r.storageOpsP50Ms} ms${verdict}`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const config = parseConfig({ ...process.env, CORPUS_DIR: resolve('corpus'), LOG_LEVEL: 'silent' });
  printStorageBench(await storageBench(config));
}
