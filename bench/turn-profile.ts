/**
 * `tsx bench/turn-profile.ts`: where a turn's time goes BESIDE its embedding. Every dev question is asked once to
 * fill the embedding cache, then again through a fresh bot (fresh answer memo, fresh policy) that shares the cached
 * embedder: those turns cost everything except the model. Prints their p50/p95, then profiles one more such round
 * (V8 sampling profiler, in process) and prints where its time went. A measurement, not a test.
 *   npm run bench:turn-profile
 */
import { readFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { parse } from 'yaml';
import { createBot } from '../src/chat/create-bot.js';
import { newConversation } from '../src/core/conversation.js';
import { Answerer } from '../src/answer/answerer.js';
import { SuggestionBank } from '../src/answer/suggestions.js';
import { UseLiteEmbeddings } from '../src/embeddings/use-lite.js';
import { Bm25Postings } from '../src/retrieval/bm25-postings.js';
import { QuerySpelling } from '../src/retrieval/query-spelling.js';
import { TextSimilarities } from '../src/retrieval/text-similarities.js';
import { UnitSearch } from '../src/retrieval/unit-search.js';
import { createSafetyPolicy } from '../src/safety/policy.js';
import { printProfile, type Profile } from './profile-by-file.js';

const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 3);
const cases = parse(await readFile('evals/dev/answers-2026-12-01.yaml', 'utf8')) as { turns: string[] }[];
const questions = cases.map((c) => c.turns.at(-1) as string);
// Large enough that no vector of the warm-up pass is evicted (each turn embeds a few readings).
const embeddings = new UseLiteEmbeddings({ queryCacheSize: 100_000 });
const warm = await createBot({ embeddings });
for (const q of questions) await warm.handleTurn({ message: q, channel: 'eval' }, newConversation());

const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)] as number;
for (let round = 0; round < ROUNDS; round++) {
  // A fresh bot each round: its answer memo is empty, so every turn ranks, trims and cites again.
  const bot = await createBot({ embeddings });
  const ms: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    await bot.handleTurn({ message: q, channel: 'eval' }, newConversation());
    ms.push(performance.now() - t);
  }
  console.log(
    `round ${round + 1}: ${questions.length} dev turns, embedding cached: p50 ${p(ms, 0.5).toFixed(2)} ms, ` +
      `p95 ${p(ms, 0.95).toFixed(2)} ms, mean ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(2)} ms`,
  );
}
// Stages: a measurement-only timer around the methods a turn calls (inclusive wall time per turn, summed over the
// calls of one turn; the embedding is cached, so an async stage is CPU until it resolves).
const stageMs = new Map<string, number>();
function timed(target: object, method: string, stage: string): void {
  const t = target as Record<string, (...args: unknown[]) => unknown>;
  const original = t[method] as (...args: unknown[]) => unknown;
  t[method] = function (this: unknown, ...args: unknown[]) {
    const start = performance.now();
    const add = () => stageMs.set(stage, (stageMs.get(stage) ?? 0) + performance.now() - start);
    const out = original.apply(this, args);
    if (out instanceof Promise) return out.finally(add);
    add();
    return out;
  };
}
const policy = createSafetyPolicy({ embeddings });
timed(policy, 'classify', 'safety policy: classify');
timed(policy, 'extraTexts', 'safety policy: extraTexts (readings)');
timed(QuerySpelling.prototype, 'correct', 'query spelling');
timed(Answerer.prototype, 'answer', 'answerer.answer (all retrieval + answer)');
timed(Answerer.prototype, 'rank', '  rank: search + features + ranker');
timed(UnitSearch.prototype, 'search', '    unit search (BM25 x3, dense scan, signals)');
timed(Bm25Postings.prototype, 'search', '      BM25 postings (units, bank, not-covered)');
timed(TextSimilarities.prototype, 'similarities', '      dense: exact scan of 2,110 vectors');
timed(SuggestionBank.prototype, 'nearest', '  suggestions');
const staged = await createBot({ embeddings, policy });
const perTurn = new Map<string, number[]>();
const totals: number[] = [];
/** The policy's time on each turn, by turn (for its tail below). */
const policyMs: number[] = [];
for (const q of questions) {
  stageMs.clear();
  const t = performance.now();
  await staged.handleTurn({ message: q, channel: 'eval' }, newConversation());
  totals.push(performance.now() - t);
  for (const [k, v] of stageMs) perTurn.set(k, [...(perTurn.get(k) ?? []), v]);
  policyMs.push(stageMs.get('safety policy: classify') ?? 0);
}
const median = (xs: number[]) => p([...xs, ...Array(questions.length - xs.length).fill(0)], 0.5);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / questions.length;
console.log(`\nstages (ms per turn over ${questions.length} dev turns; median / mean):`);
console.log(`  ${'turn total'.padEnd(52)} ${median(totals).toFixed(2).padStart(6)} / ${mean(totals).toFixed(2)}`);
for (const [k, xs] of perTurn)
  console.log(`  ${k.padEnd(52)} ${median(xs).toFixed(2).padStart(6)} / ${mean(xs).toFixed(2)}`);
// The safety policy's tail (its mean far above its median): its slowest turns, and its cost by message length.
const byLength = (min: number, max: number) => {
  const xs = policyMs.filter((_, i) => (questions[i] as string).length >= min && (questions[i] as string).length < max);
  return `${xs.length} turns, mean ${(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)).toFixed(2)} ms`;
};
console.log(
  `\nsafety policy by message length: < 80 chars ${byLength(0, 80)}; 80–200 ${byLength(80, 200)}; ≥ 200 ${byLength(200, Infinity)}`,
);
console.log('slowest policy turns:');
for (const i of [...policyMs.keys()].sort((a, b) => (policyMs[b] as number) - (policyMs[a] as number)).slice(0, 8))
  console.log(
    `  ${(policyMs[i] as number).toFixed(1).padStart(6)} ms  ${JSON.stringify((questions[i] as string).slice(0, 90))} (${(questions[i] as string).length} chars)`,
  );

// The profiled round: the profiler slows every function a little, so its timings are not the ones reported above.
const bot = await createBot({ embeddings });
const session = new Session();
session.connect();
await session.post('Profiler.enable');
// 100 µs: fine enough to see sub-millisecond stages over a few hundred turns.
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
for (const q of questions) await bot.handleTurn({ message: q, channel: 'eval' }, newConversation());
const { profile } = await session.post('Profiler.stop');
console.log(`\nprofiled round, ${questions.length} turns:`);
printProfile(profile as unknown as Profile, process.env.PROFILE_FILTER ?? '');
process.exit(0);
