/**
 * `tsx evals/retrieval/rank-variants.ts [name…]`: the ranker variants side by side on DEV cross-validation (and the
 * held-out dev quarter), from the cached training rows (train-features.ts). Measurement only; `npm run
 * answer:train` fits the chosen variant. Never reads evals/frozen.
 */
import {
  fitAll,
  fitAnswerabilityOn,
  figuresAt,
  foldSpread,
  byStyle,
  crossValidate,
  partition,
  predictOne,
  thresholdOf,
} from './rank-cv.js';
import { truncated, type Variant } from './rank-variant.js';
import { loadDevStack } from './dev-stack.js';
import { loadLabelledQueries } from './train-data.js';
import { trainingItems } from './train-features.js';
import { BOOST } from './train-variant.js';

const VARIANTS: Variant[] = [
  { name: 'linear, bank w 1 (current)', bankWeight: 1 },
  { name: 'linear, bank w 0', bankWeight: 0 },
  { name: 'linear, bank w 0.5', bankWeight: 0.5 },
  { name: 'linear, bank w 2', bankWeight: 2 },
  { name: 'linear + trees d3', bankWeight: 1, boost: BOOST },
  { name: 'linear + trees d2', bankWeight: 1, boost: { ...BOOST, depth: 2 } },
  { name: 'trees only d3', bankWeight: 1, boost: BOOST, treesOnly: true },
];
const ROUNDS = [25, 50, 100, 200];

const stack = await loadDevStack();
const all = await trainingItems(stack, await loadLabelledQueries(stack.data));
const { dev, heldOut, bank } = partition(all);
const wanted = process.argv.slice(2);
const pct = (x: number) => (x * 100).toFixed(1);
console.log(
  '| variant | CV right unit ± sd | false no_answer | no_answer P / R | follow-ups | held-out right (fna) | lay / short / typo / rambling |',
);
console.log('|---|---|---|---|---|---|---|');
for (const v of VARIANTS.filter((x) => wanted.length === 0 || wanted.some((w) => x.name.includes(w)))) {
  const started = performance.now();
  const byRounds = crossValidate(all, v, v.boost ? ROUNDS.filter((r) => r <= (v.boost?.rounds ?? 0)) : []);
  const base = fitAll(dev, bank, v);
  for (const [k, rows] of byRounds) {
    const t = thresholdOf(rows);
    const f = figuresAt(rows, t);
    const s = byStyle(rows, t);
    const ranker = k > 0 ? truncated(base.ranker, k) : base.ranker;
    const models = k > 0 ? { ranker, answerability: fitAnswerabilityOn(ranker, dev) } : base;
    const h = figuresAt(
      heldOut.map((x) => ({ x, r: predictOne(models, x), fold: 0 })),
      t,
    );
    const styles = ['lay', 'short', 'typo', 'rambling'].map((st) => pct(s[`right_unit.${st}`] ?? NaN)).join(' / ');
    console.log(
      `| ${v.name}${k > 0 ? `, ${k} rounds` : ''} | ${pct(f.rightUnit)} ± ${pct(foldSpread(rows, t))} | ${pct(f.falseNoAnswer)} | ` +
        `${pct(f.noAnswerPrecision)} / ${pct(f.noAnswerRecall)} | ${pct(f.followUpRightUnit)} | ${pct(h.rightUnit)} (${pct(h.falseNoAnswer)}) | ${styles} |`,
    );
  }
  process.stderr.write(`  ${v.name}: ${Math.round((performance.now() - started) / 1000)} s\n`);
}
process.exit(0);
