/**
 * `npm run answer:typos`: how much typos and misheard words cost, on DEV data only (never evals/frozen). Every
 * answerable dev question (the labelled dev queries of the ranker, {@link loadLabelledQueries}) is asked through the
 * real bot (`createBot().handleTurn`, a fresh conversation; a follow-up's earlier turns are asked first, clean), once
 * as written and once mutated by {@link realisticTypos} (seeded). Reports right unit (the first citation is a right
 * unit) and false no_answer, clean vs mutated. A measurement, not a test.
 *   tsx evals/retrieval/typos.ts [--seed N] [--show]
 */
import { createBot } from '../../src/chat/create-bot.js';
import { newConversation } from '../../src/core/conversation.js';
import { seededRandom } from '../../src/learn/random.js';
import { realisticTypos } from '../lib/mutate.js';
import { loadLabelledQueries, type LabelledQuery } from './train-data.js';

const seedAt = process.argv.indexOf('--seed');
const seed = seedAt > 0 ? Number(process.argv[seedAt + 1]) : 1;
const show = process.argv.includes('--show');
const bot = await createBot();
const queries = (await loadLabelledQueries(bot.stack.data)).filter((q) => q.source === 'dev' && q.right.length > 0);
const rng = seededRandom(seed);

type Outcome = 'right' | 'wrong' | 'no_answer' | 'other';
async function ask(q: LabelledQuery, question: string): Promise<{ outcome: Outcome; cited?: string }> {
  const conversation = newConversation();
  for (const turn of q.history) await bot.handleTurn({ message: turn, channel: 'eval' }, conversation);
  const reply = await bot.handleTurn({ message: question, channel: 'eval' }, conversation);
  const cited = reply.citations[0]?.chunkId;
  if (reply.kind === 'no_answer') return { outcome: 'no_answer' };
  if (reply.kind !== 'answer') return { outcome: 'other' };
  return { outcome: cited && q.right.includes(cited) ? 'right' : 'wrong', cited };
}

const tally = { clean: new Map<Outcome, number>(), mutated: new Map<Outcome, number>() };
const add = (m: Map<Outcome, number>, o: Outcome) => m.set(o, (m.get(o) ?? 0) + 1);
let changed = 0;
for (const q of queries) {
  const mutated = realisticTypos(q.question, rng);
  if (mutated !== q.question) changed++;
  const clean = await ask(q, q.question);
  const typo = await ask(q, mutated);
  add(tally.clean, clean.outcome);
  add(tally.mutated, typo.outcome);
  if (show && clean.outcome === 'right' && typo.outcome !== 'right')
    console.log(`${typo.outcome.padEnd(9)} ${JSON.stringify(mutated)}  (clean: ${JSON.stringify(q.question)})`);
}
const pct = (m: Map<Outcome, number>, o: Outcome) => `${((100 * (m.get(o) ?? 0)) / queries.length).toFixed(1)} %`;
console.log(`${queries.length} answerable dev questions (${changed} changed by the mutation, seed ${seed})`);
for (const [name, m] of Object.entries(tally))
  console.log(
    `  ${name.padEnd(8)} right unit ${pct(m, 'right')}, false no_answer ${pct(m, 'no_answer')}, wrong unit ${pct(m, 'wrong')}, other ${pct(m, 'other')}`,
  );
process.exit(0);
