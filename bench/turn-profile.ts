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
import { UseLiteEmbeddings } from '../src/embeddings/use-lite.js';
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
