/**
 * `tsx evals/retrieval/intent-variants.ts [name…]` (`npm run answer:intent-variants`): the unit classifier (intent
 * model) as ranker / answerability features, measured on DEV cross-validation and the held-out dev quarter, from the
 * cached training rows (train-features.ts) — the same procedure as rank-variants.ts. The classifier is fitted on the
 * bank only (intent-rows.ts says why that keeps dev rows clean). Also prints how often the classifier's top 3 would
 * bring a right unit into a candidate pool that lacks one (the "candidate source" variant's ceiling). Never reads
 * evals/frozen.
 */
import type { IntentFit } from '../../src/answer/intent-model.js';
import {
  byStyle,
  crossValidate,
  figuresAt,
  fitAll,
  foldSpread,
  partition,
  predictOne,
  thresholdOf,
} from './rank-cv.js';
import { loadDevStack } from './dev-stack.js';
import { intentRows, withIntent } from './intent-rows.js';
import { loadLabelledQueries } from './train-data.js';
import { trainingItems } from './train-features.js';
import { SHIPPED } from './train-variant.js';

interface IntentVariant {
  name: string;
  /** No classifier: today's features. */
  none?: boolean;
  sentenceWeight?: number;
  fit?: Partial<IntentFit>;
}
const VARIANTS: IntentVariant[] = [
  { name: 'no intent (current)', none: true },
  { name: 'intent, bank + headings' },
  { name: 'intent, + sentences w 0.3', sentenceWeight: 0.3 },
  { name: 'intent, + sentences w 1', sentenceWeight: 1 },
  { name: 'intent, 40 epochs', fit: { epochs: 40 } },
];

const stack = await loadDevStack();
const base = await trainingItems(stack, await loadLabelledQueries(stack.data));
const units = stack.data.chunks.map((u) => u.id);
const wanted = process.argv.slice(2);
const pct = (x: number) => (x * 100).toFixed(1);
console.log(
  '| variant | CV right unit ± sd | false no_answer | no_answer P / R | follow-ups | held-out right (fna) | lay / short / typo / rambling | classifier top-1 (dev CV queries) |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const v of VARIANTS.filter((x) => wanted.length === 0 || wanted.some((w) => x.name.includes(w)))) {
  const started = performance.now();
  let all = base;
  let top1 = '—';
  if (!v.none) {
    const fitted = withIntent(base, intentRows(stack.data, stack.index.textVectors, v.sentenceWeight), units, v.fit);
    all = fitted.items;
    const devSingle = partition(base).dev.filter((x) => x.q.right.length > 0 && x.q.history.length === 0);
    const hits = devSingle.filter((x) => {
      const post = fitted.full.posterior(x.vector);
      return x.q.right.some((u) => post.rank(u) === 0);
    }).length;
    const inTop3NotPool = devSingle.filter((x) => {
      const post = fitted.full.posterior(x.vector);
      const pool = new Set(x.candidates.map((c) => c.unitId));
      return !x.q.right.some((u) => pool.has(u)) && x.q.right.some((u) => post.rank(u) < 3);
    }).length;
    const missing = devSingle.filter((x) => !x.q.right.some((u) => x.candidates.some((c) => c.unitId === u))).length;
    top1 = `${pct(hits / devSingle.length)} % (right unit missing from the pool: ${missing}, of them in its top 3: ${inTop3NotPool})`;
  }
  const rows = crossValidate(all, SHIPPED).get(0) ?? [];
  const { dev, heldOut, bank } = partition(all);
  const models = fitAll(dev, bank, SHIPPED);
  const t = thresholdOf(rows);
  const f = figuresAt(rows, t);
  const s = byStyle(rows, t);
  const h = figuresAt(
    heldOut.map((x) => ({ x, r: predictOne(models, x), fold: 0 })),
    t,
  );
  const styles = ['lay', 'short', 'typo', 'rambling'].map((st) => pct(s[`right_unit.${st}`] ?? NaN)).join(' / ');
  console.log(
    `| ${v.name} | ${pct(f.rightUnit)} ± ${pct(foldSpread(rows, t))} | ${pct(f.falseNoAnswer)} | ` +
      `${pct(f.noAnswerPrecision)} / ${pct(f.noAnswerRecall)} | ${pct(f.followUpRightUnit)} | ${pct(h.rightUnit)} (${pct(h.falseNoAnswer)}) | ${styles} | ${top1} |`,
  );
  process.stderr.write(`  ${v.name}: ${Math.round((performance.now() - started) / 1000)} s\n`);
}
process.exit(0);
