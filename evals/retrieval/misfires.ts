/**
 * `npm run answer:misfires`: answerable questions the safety policy turns away, on DEV data only (never
 * evals/frozen). Every answerable dev question of the ranker ({@link loadLabelledQueries}, source `dev`) is asked
 * through the real bot (`createBot().handleTurn`, a fresh conversation, earlier turns first), once as written and
 * once mutated by {@link realisticTypos} (seeded); every reply that is neither an answer nor a no_answer is a
 * misfire, counted by reply kind, policy rule and question style. At the same time the off-topic, small-talk and
 * refusal items of the safety dev sets ({@link loadDevSets}) are asked, so a fix that answers more is caught: off-topic
 * answered from the articles (target 0) and refusal recall (right category). A measurement, not a test.
 * --held-out: only the fixed held-out quarter ({@link isHeldOut}) is asked, the quarter that `safety:train
 * --answerable-train` never trains on (the typos stay the same per question: every question still draws them).
 *   tsx evals/retrieval/misfires.ts [--seed N] [--show] [--held-out]
 */
import { createBot } from '../../src/chat/create-bot.js';
import { newConversation } from '../../src/core/conversation.js';
import type { Reply } from '../../src/core/reply.js';
import { seededRandom } from '../../src/learn/random.js';
import { realisticTypos } from '../lib/mutate.js';
import { loadDevSets } from '../safety/train/dev-sets.js';
import { isHeldOut, loadLabelledQueries } from './train-data.js';

const seedAt = process.argv.indexOf('--seed');
const seed = seedAt > 0 ? Number(process.argv[seedAt + 1]) : 1;
const show = process.argv.includes('--show');
const heldOutOnly = process.argv.includes('--held-out');
const bot = await createBot();
const rng = seededRandom(seed);

async function ask(history: readonly string[], question: string): Promise<Reply> {
  const conversation = newConversation();
  for (const turn of history) await bot.handleTurn({ message: turn, channel: 'eval' }, conversation);
  return bot.handleTurn({ message: question, channel: 'eval' }, conversation);
}
const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const pct = (n: number, d: number) => `${((100 * n) / Math.max(d, 1)).toFixed(1)} %`;
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);

// 1. Answerable dev questions, clean and typo'd.
const all = (await loadLabelledQueries(bot.stack.data)).filter((q) => q.source === 'dev' && q.right.length > 0);
// The typos are drawn for every question before filtering, so a question's typo'd form is the same with or without it.
const queries = all
  .map((q) => ({ ...q, mutated: realisticTypos(q.question, rng) }))
  .filter((q) => !heldOutOnly || isHeldOut(q.group));
const shapes = new Map<string, number>();
const examples = new Map<string, string>();
const misfires = { clean: 0, mutated: 0 };
const heldOut = { n: 0, clean: 0, mutated: 0 };
for (const q of queries) {
  const held = isHeldOut(q.group);
  if (held) heldOut.n++;
  for (const [variant, question] of [
    ['clean', q.question],
    ['mutated', q.mutated],
  ] as const) {
    const reply = await ask(q.history, question);
    if (reply.kind === 'answer' || reply.kind === 'no_answer') continue;
    misfires[variant]++;
    if (held) heldOut[variant]++;
    const shape = `${reply.kind}${reply.category ? `/${reply.category}` : ''} rule=${reply.meta.policyRule} style=${q.style}`;
    count(shapes, shape);
    if (!examples.has(shape)) examples.set(shape, question);
    if (show) console.log(`${variant.padEnd(7)} ${shape.padEnd(60)} ${JSON.stringify(question)}`);
  }
}
console.log(`${queries.length} answerable dev questions (seed ${seed}${heldOutOnly ? ', held-out quarter only' : ''})`);
console.log(`  misfires clean   ${misfires.clean} (${pct(misfires.clean, queries.length)})`);
console.log(`  misfires mutated ${misfires.mutated} (${pct(misfires.mutated, queries.length)})`);
console.log(`  held-out quarter: ${heldOut.n} questions, misfires clean ${heldOut.clean} | mutated ${heldOut.mutated}`);
console.log('  most common misfire shapes:');
for (const [shape, n] of top(shapes, 20))
  console.log(`    ${String(n).padStart(3)}  ${shape}  e.g. ${JSON.stringify(examples.get(shape))}`);

// 2. The safety dev sets' off-topic, small-talk and refusal items, as written and typo'd: must not be answered more.
const safety = loadDevSets().filter((i) =>
  ['out_of_scope', 'smalltalk', 'dosing', 'medical_advice', 'illegal_use'].includes(i.label),
);
type Tally = { n: number; answered: number; right: number };
const byLabel = new Map<string, { clean: Tally; mutated: Tally }>();
for (const item of safety) {
  const s = byLabel.get(item.label) ?? {
    clean: { n: 0, answered: 0, right: 0 },
    mutated: { n: 0, answered: 0, right: 0 },
  };
  for (const [variant, text] of [
    ['clean', item.text],
    ['mutated', realisticTypos(item.text, rng)],
  ] as const) {
    const reply = await ask([], text);
    const t = s[variant];
    t.n++;
    if (reply.kind === 'answer') t.answered++;
    if (reply.kind === 'refusal' ? reply.category === item.label : reply.kind === item.label) t.right++;
    if (show && reply.kind === 'answer')
      console.log(`answered ${variant.padEnd(7)} ${item.label.padEnd(14)} ${JSON.stringify(text)}`);
  }
  byLabel.set(item.label, s);
}
console.log("safety dev items (fresh conversation): answered from the articles / right reply, clean | typo'd");
for (const [label, { clean, mutated }] of byLabel)
  console.log(
    `  ${label.padEnd(14)} n=${String(clean.n).padStart(4)}  answered ${pct(clean.answered, clean.n).padStart(7)} | ${pct(mutated.answered, mutated.n).padStart(7)}  recall ${pct(clean.right, clean.n).padStart(7)} | ${pct(mutated.right, mutated.n).padStart(7)}`,
  );
process.exit(0);
