/**
 * The non-embedding cost of a turn: every dev question's embedding is cached first (one bot), then a second bot
 * sharing that embedder (fresh answer memo) answers each question once in a fresh conversation, so the timed turns
 * contain no model call. Run under `node --cpu-prof` to see where that time goes. A measurement, not a test.
 *   npx tsx scripts/measure-turn-cost.ts [rounds]
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { createBot } from '../src/chat/create-bot.js';
import { newConversation } from '../src/core/conversation.js';
import { UseLiteEmbeddings } from '../src/embeddings/use-lite.js';

const rounds = Number(process.argv[2] ?? 1);
const cases = parse(await readFile('evals/dev/answers-2026-12-01.yaml', 'utf8')) as { turns: string[] }[];
const questions = cases.map((c) => c.turns.at(-1) as string).slice(0, 300);
// Room for every question (the safety policy embeds some readings of a message too).
const embeddings = new UseLiteEmbeddings({ queryCacheSize: 5000 });
const warm = await createBot({ embeddings });
for (const q of questions) await warm.handleTurn({ message: q, channel: 'eval' }, newConversation());
const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)] as number;
for (let r = 0; r < rounds; r++) {
  const bot = await createBot({ embeddings });
  const ms: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    await bot.handleTurn({ message: q, channel: 'eval' }, newConversation());
    ms.push(performance.now() - t);
  }
  const mem = process.memoryUsage();
  console.log(
    `round ${r + 1}: ${questions.length} turns without a model call: p50 ${p(ms, 0.5).toFixed(2)} ms, p95 ${p(ms, 0.95).toFixed(2)} ms, ` +
      `mean ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(2)} ms; rss ${(mem.rss / 2 ** 20).toFixed(0)} MB heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB`,
  );
}
process.exit(0);
