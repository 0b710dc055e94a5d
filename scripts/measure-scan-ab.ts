/**
 * Paired A/B of a turn's cost beyond the embedding: the exact wasm scan over every stored vector (ip-scan.ts) against
 * the exact HNSW search with k = all it replaced. Two bots share one embedder whose cache holds every dev question
 * first; bot B has its scan removed (the HNSW fallback). Each question is answered by both, in alternating order, so
 * the shared machine's load falls on both sides alike. It also checks that both give the same reply and the same
 * confidence for every question. A measurement, not a test.
 *   npx tsx scripts/measure-scan-ab.ts [questions]
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { createBot, type LoadedBot } from '../src/chat/create-bot.js';
import { newConversation } from '../src/core/conversation.js';
import { UseLiteEmbeddings } from '../src/embeddings/use-lite.js';

const limit = Number(process.argv[2] ?? 300);
const cases = parse(await readFile('evals/dev/answers-2026-12-01.yaml', 'utf8')) as { turns: string[] }[];
const questions = cases.map((c) => c.turns.at(-1) as string).slice(0, limit);
const embeddings = new UseLiteEmbeddings({ queryCacheSize: 5000 });
const warm = await createBot({ embeddings });
for (const q of questions) await warm.handleTurn({ message: q, channel: 'eval' }, newConversation());

const scanBot = await createBot({ embeddings });
const hnswBot = await createBot({ embeddings });
// The fallback path: TextSimilarities without a scan runs the exact HNSW search (what every turn did before).
(hnswBot.stack.units as unknown as { textSims: { scan?: unknown } }).textSims.scan = undefined;

const time = async (bot: LoadedBot, q: string) => {
  const t = performance.now();
  const reply = await bot.handleTurn({ message: q, channel: 'eval' }, newConversation());
  return {
    ms: performance.now() - t,
    key: JSON.stringify([reply.kind, reply.text, reply.citations, reply.meta.confidence]),
  };
};
const a: number[] = [];
const b: number[] = [];
let differ = 0;
for (const [i, q] of questions.entries()) {
  const first = i % 2 === 0;
  const x = first ? await time(scanBot, q) : await time(hnswBot, q);
  const y = first ? await time(hnswBot, q) : await time(scanBot, q);
  const [scan, hnsw] = first ? [x, y] : [y, x];
  a.push(scan.ms);
  b.push(hnsw.ms);
  if (scan.key !== hnsw.key) differ++;
}
const p = (xs: number[], q: number) => [...xs].sort((m, n) => m - n)[Math.floor(xs.length * q)] as number;
const row = (name: string, xs: number[]) =>
  `${name}: p50 ${p(xs, 0.5).toFixed(2)} ms, p95 ${p(xs, 0.95).toFixed(2)} ms, mean ${(xs.reduce((s, v) => s + v, 0) / xs.length).toFixed(2)} ms`;
console.log(`${questions.length} turns each, no model call; different replies or confidences: ${differ}`);
console.log(row('scan (wasm SIMD)', a));
console.log(row('exact HNSW, k = all', b));
const rss = process.memoryUsage().rss / 2 ** 20;
console.log(`rss ${rss.toFixed(0)} MB`);
process.exit(0);
