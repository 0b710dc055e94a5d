/**
 * `npm run safety:frozen`: runs the frozen safety set (evals/frozen/, never trained or tuned on) through the REAL
 * bot in-process (createBot → handleTurn, USE-lite, each item's history in the same conversation) and prints
 * crisis recall and crisis resources shown, refusal recall per category, over-refusal, off-topic answered from the
 * articles, a per-tag breakdown and the confusion matrix.
 * Flags: --file PATH (a set; repeatable; default every evals/frozen/safety-*.yaml), --json (figures as JSON on
 * stdout), --verbose (every miss). With several files the figures are printed pooled and then per file (each set is
 * its own measure: set b was written later and is unseen).
 * Exit 0 whatever the figures (it measures, it does not gate); 2 on a bad option or an invalid set file.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createBot } from '../../src/chat/create-bot.js';
import { inProcessTarget } from '../lib/targets.js';
import { frozenFigures, isHit, OUTCOMES, outcomeOf, type FrozenResult, type Share } from './frozen-metrics.js';
import { FROZEN_FILE, FROZEN_REFUSALS, itemTurns } from './frozen-set.js';
import { loadLabelledSet, type LabelledItem } from './labelled-set.js';

const USAGE = 'usage: tsx evals/safety/frozen.ts [--file PATH]... [--json] [--verbose]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const known = new Set(['--file', '--json', '--verbose']);
for (const [i, a] of args.entries())
  if (!known.has(a) && args[i - 1] !== '--file') fail(`unknown option ${a}\n${USAGE}`);
const given = args.flatMap((a, i) => (a === '--file' ? [args[i + 1]] : []));
if (given.some((f) => !f || known.has(f))) fail(`--file needs a path\n${USAGE}`);
// Default: every frozen safety set next to the first one (safety-*.yaml), sorted, so a new set is measured too.
const frozenDir = dirname(FROZEN_FILE);
const files =
  given.length > 0
    ? (given as string[])
    : readdirSync(frozenDir)
        .filter((n) => /^safety-.*\.ya?ml$/.test(n))
        .sort()
        .map((n) => relative(process.cwd(), join(frozenDir, n)));
const json = args.includes('--json');
const verbose = args.includes('--verbose');

const fileOf = new Map<LabelledItem, string>();
const items: LabelledItem[] = [];
for (const f of files) {
  try {
    for (const item of loadLabelledSet(f)) {
      items.push(item);
      fileOf.set(item, f);
    }
  } catch (error) {
    fail(`invalid frozen set: ${(error as Error).message}`);
  }
}
const file = files.join(', ');

const target = inProcessTarget(await createBot());
const results: FrozenResult[] = [];
const started = performance.now();
for (const [i, item] of items.entries()) {
  const turns = await target.converse(itemTurns(item));
  results.push({ item, reply: turns.at(-1)!.reply });
  if ((i + 1) % 100 === 0 || i + 1 === items.length) process.stderr.write(`  ${i + 1}/${items.length} prompts run\n`);
}
const figures = frozenFigures(results);
const perFile =
  files.length > 1
    ? Object.fromEntries(files.map((f) => [f, frozenFigures(results.filter((r) => fileOf.get(r.item) === f))]))
    : undefined;

if (json) {
  const durationMs = Math.round(performance.now() - started);
  process.stdout.write(
    `${JSON.stringify({ file, files, durationMs, ...figures, ...(perFile ? { perFile } : {}) }, null, 2)}\n`,
  );
  process.exit(0);
}

const pct = (s: Share) => `${(s.share * 100).toFixed(1).padStart(5)} % (${s.hits}/${s.n})`;
const line = (name: string, s: Share) => console.log(`  ${name.padEnd(44)}${pct(s)}`);
console.log(`Frozen safety set through the real bot: ${items.length} prompts (${file})\n`);
console.log('Crisis');
line('crisis recall (kind crisis)', figures.crisis.recall);
line('  indirect', figures.crisis.recallIndirect);
line('  other-language', figures.crisis.recallOtherLanguage);
line('crisis resources shown (988 / 911 / 112 / 999)', figures.crisis.resources);
line('  indirect', figures.crisis.resourcesIndirect);
line('  other-language', figures.crisis.resourcesOtherLanguage);
line('crisis on benign (general → crisis)', figures.crisisOnBenign);
console.log('\nRefusals');
for (const label of FROZEN_REFUSALS) {
  const r = figures.refusal[label];
  line(`${label}: refused, right category`, r.rightCategory);
  line(`${label}: refused, wrong category`, r.wrongCategory);
  line(`${label}: sent to crisis`, r.crisis);
  line(`${label}: not refused`, r.notRefused);
}
console.log('\nGeneral, off-topic, smalltalk');
line('over-refusal (general → refusal/crisis/off-topic)', figures.overRefusal);
line('general → no_answer (not refused, not answered)', figures.generalNoAnswer);
line('off-topic answered from the articles', figures.offTopicAnsweredFromArticles);
line('off-topic → out_of_scope', figures.offTopicRecall);
line('smalltalk → smalltalk', figures.smalltalkRecall);
console.log('\nPer tag (share handled right: crisis → crisis, refusal → its own category)');
for (const [label, tags] of Object.entries(figures.perTag)) {
  console.log(`  ${label}`);
  for (const [tag, s] of Object.entries(tags)) line(`  ${tag}`, s);
}
const short: Record<string, string> = {
  medical_advice: 'medical',
  illegal_use: 'illegal',
  out_of_scope: 'off-topic',
  no_answer: 'no_answer',
};
const pad = (x: string | number) => String(x).padStart(10);
console.log(`\n${'gold \\ got'.padEnd(16)}${OUTCOMES.map((o) => pad(short[o] ?? o)).join('')}`);
for (const [gold, row] of Object.entries(figures.matrix)) {
  console.log(`${(short[gold] ?? gold).padEnd(16)}${OUTCOMES.map((o) => pad(row[o])).join('')}`);
}
if (perFile) {
  console.log('\nPer file (the figures above pool them)');
  for (const [f, fig] of Object.entries(perFile)) {
    console.log(`  ${f}`);
    line('  crisis recall', fig.crisis.recall);
    line('  crisis resources shown', fig.crisis.resources);
    for (const label of FROZEN_REFUSALS) line(`  ${label}: refused, right category`, fig.refusal[label].rightCategory);
    line('  over-refusal', fig.overRefusal);
    line('  off-topic → out_of_scope', fig.offTopicRecall);
    line('  smalltalk → smalltalk', fig.smalltalkRecall);
  }
}
if (verbose) {
  console.log('\nMisses (gold → got [tags]: text)');
  for (const r of results.filter((x) => !isHit(x))) {
    console.log(
      `  ${r.item.label} → ${outcomeOf(r.reply)} [${(r.item.tags ?? []).join(',')}]: ${itemTurns(r.item).join(' ⟶ ')}`,
    );
  }
}
