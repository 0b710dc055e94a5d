/**
 * Measures what a turn costs beside its one embedding: p50 of `handleTurn` against p50 of one USE-lite query
 * embedding, in the same process, on the dev questions (each asked once, in a fresh conversation; the
 * embedding cache is bypassed by measuring the model directly). A measurement, not a test.
 *   tsx evals/retrieval/turn-latency.ts
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { createBot } from '../../src/chat/create-bot.js';
import { newConversation } from '../../src/core/conversation.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';

const cases = parse(await readFile('evals/dev/answers-2026-12-01.yaml', 'utf8')) as { turns: string[] }[];
const questions = cases.map((c) => c.turns.at(-1) as string).slice(0, 200);
const embeddings = new UseLiteEmbeddings();
const bot = await createBot({ embeddings });
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// One model call per question, straight to the model (embedDocuments skips the query cache).
const embedMs: number[] = [];
for (const q of questions) {
  const t = performance.now();
  await embeddings.embedDocuments([`${q} `]);
  embedMs.push(performance.now() - t);
}
const turnMs: number[] = [];
const rankMs: number[] = [];
for (const q of questions) {
  const t = performance.now();
  await bot.handleTurn({ message: `${q}  `, channel: 'eval' }, newConversation());
  turnMs.push(performance.now() - t);
  // The same question again: its embedding is cached now, so this is the non-embedding part of answering.
  const r = performance.now();
  await bot.answerer.answer(`${q}  `);
  rankMs.push(performance.now() - r);
}
const e = p50(embedMs);
const h = p50(turnMs);
console.log(
  `${questions.length} dev questions: embedding p50 ${e.toFixed(2)} ms, handleTurn p50 ${h.toFixed(2)} ms (${(h / e).toFixed(2)}× one embedding), ` +
    `answer without embedding p50 ${p50(rankMs).toFixed(2)} ms`,
);
process.exit(0);
