/**
 * Measures the low-confidence band the review flags (`npx tsx scripts/measure-review-margin.ts`): answers the
 * labelled dev questions (single-turn) with the real bot and reports, per answerability-confidence band above the
 * no-answer threshold, how many answers cite no right unit. Dev questions trained the ranker, so the rates are
 * optimistic (in-sample); the frozen set is never used for tuning.
 */
import { createBot } from '../src/chat/create-bot.js';
import { loadLabelledQueries } from '../evals/retrieval/train-data.js';

const bot = await createBot();
const t = bot.answerer.threshold;
const queries = (await loadLabelledQueries(bot.stack.data)).filter((q) => q.source === 'dev' && q.history.length === 0);
const step = 0.05;
const bands = new Map<number, { n: number; wrong: number }>();
for (const q of queries) {
  const a = await bot.answerer.answer(q.question);
  if (a.kind !== 'answer') continue;
  const right = a.citations.some((c) => q.right.includes(c.chunkId));
  const band = Math.min(9, Math.floor((a.confidence - t) / step));
  const b = bands.get(band) ?? { n: 0, wrong: 0 };
  b.n++;
  if (!right) b.wrong++;
  bands.set(band, b);
}
console.log(`threshold ${t}; ${queries.length} dev questions`);
for (const [band, b] of [...bands].sort((x, y) => x[0] - y[0]))
  console.log(
    `confidence ${(t + band * step).toFixed(3)}–${band === 9 ? '1' : (t + (band + 1) * step).toFixed(3)}: ` +
      `${b.n} answers, ${b.wrong} wrong (${((100 * b.wrong) / b.n).toFixed(0)} %)`,
  );
