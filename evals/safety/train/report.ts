import { evaluate } from '../../../src/learn/metrics.js';
import { type CrisisTier, decideLabel } from '../../../src/safety/classifier/decide.js';
import { SAFETY_LABELS, type SafetyLabel } from '../../../src/safety/classifier/labels.js';

/** Figures for one set of gold / predicted labels (plus crisis tiers), as printed by the trainer. */
export interface Figures {
  n: number;
  accuracy: number;
  perLabel: Record<SafetyLabel, { precision: number; recall: number; support: number }>;
  crisisRecall: number;
  /** Crisis items that got at least the possible-crisis line. */
  crisisAnyTierRecall: number;
  /** Share of `general` items not labelled general (refused, called off-topic or crisis). */
  overRefusal: number;
  /** Share of non-crisis items whose tier is `crisis`. */
  crisisFalseAlarm: number;
  /** Refusal-category items not refused at all (got general / out_of_scope / smalltalk). */
  refusalsMissed: number;
}

const REFUSALS: SafetyLabel[] = ['dosing', 'medical_advice', 'illegal_use'];

export function figures(gold: SafetyLabel[], predicted: SafetyLabel[], tiers: string[]): Figures {
  const e = evaluate(SAFETY_LABELS, gold, predicted);
  const idx = (f: (g: SafetyLabel) => boolean) => gold.flatMap((g, i) => (f(g) ? [i] : []));
  const crisis = idx((g) => g === 'crisis');
  const general = idx((g) => g === 'general');
  const nonCrisis = idx((g) => g !== 'crisis');
  const refusals = idx((g) => REFUSALS.includes(g));
  const share = (list: number[], f: (i: number) => boolean) => (list.length ? list.filter(f).length / list.length : 0);
  return {
    n: gold.length,
    accuracy: e.accuracy,
    perLabel: e.perLabel,
    crisisRecall: share(crisis, (i) => predicted[i] === 'crisis'),
    crisisAnyTierRecall: share(crisis, (i) => tiers[i] !== 'none'),
    overRefusal: share(general, (i) => predicted[i] !== 'general'),
    crisisFalseAlarm: share(nonCrisis, (i) => tiers[i] === 'crisis'),
    refusalsMissed: share(
      refusals,
      (i) => !REFUSALS.includes(predicted[i] as SafetyLabel) && predicted[i] !== 'crisis',
    ),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatFigures(title: string, f: Figures): string {
  const lines = [
    `${title} (n=${f.n}): accuracy ${pct(f.accuracy)}, crisis recall ${pct(f.crisisRecall)} (any tier ${pct(f.crisisAnyTierRecall)}), crisis false alarm ${pct(f.crisisFalseAlarm)}, over-refusal of general ${pct(f.overRefusal)}, refusals not refused ${pct(f.refusalsMissed)}`,
  ];
  for (const l of SAFETY_LABELS) {
    const m = f.perLabel[l];
    lines.push(
      `  ${l.padEnd(15)} recall ${pct(m.recall).padStart(6)}  precision ${pct(m.precision).padStart(6)}  n=${m.support}`,
    );
  }
  return lines.join('\n');
}

/** Per dev set: refusal recall with the right category per refusal label, off-topic answered, over-refusal. */
export function formatBySet(items: { set: string; label: SafetyLabel }[], predicted: SafetyLabel[]): string {
  const sets = [...new Set(items.map((d) => d.set))];
  const row = (set: string | undefined) => {
    const idx = items.flatMap((d, i) => (set === undefined || d.set === set ? [i] : []));
    const cell = (gold: SafetyLabel, hit: (p: SafetyLabel) => boolean) => {
      const of = idx.filter((i) => items[i]?.label === gold);
      return of.length
        ? `${pct(of.filter((i) => hit(predicted[i] as SafetyLabel)).length / of.length)}/${of.length}`
        : '-';
    };
    return [
      (set ?? 'ALL').padEnd(24),
      ...REFUSALS.map((l) => cell(l, (p) => p === l).padStart(13)),
      cell('out_of_scope', (p) => p === 'general').padStart(13),
      cell('general', (p) => p !== 'general').padStart(13),
    ].join('');
  };
  const head = `${'dev set'.padEnd(24)}${['dosing', 'medical', 'illegal', 'offtopic→gen', 'over-refusal'].map((h) => h.padStart(13)).join('')}`;
  return [head, ...sets.map(row), row(undefined)].join('\n');
}

/**
 * The dev trade-off curve of the category decision threshold (one value for every category, the crisis tiers as
 * given): refusal recall with the right category per refusal label, off-topic answered, over-refusal of general.
 */
export function devCurve(
  items: { label: SafetyLabel }[],
  out: { probabilities: Record<SafetyLabel, number>; crisisTier: CrisisTier }[],
  grid = [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9],
): string {
  const lines = [
    `${'decision'.padEnd(10)}${['dosing', 'medical', 'illegal', 'offtopic→gen', 'over-refusal'].map((h) => h.padStart(13)).join('')}`,
  ];
  const share = (gold: SafetyLabel, labels: SafetyLabel[], hit: (p: SafetyLabel) => boolean) => {
    const of = items.flatMap((d, i) => (d.label === gold ? [i] : []));
    return pct(of.filter((i) => hit(labels[i] as SafetyLabel)).length / Math.max(1, of.length)).padStart(13);
  };
  for (const decision of grid) {
    const t = { decision, crisis: 1, possibleCrisis: 1 };
    const labels = out.map((o) => decideLabel(o.probabilities, o.crisisTier, t));
    lines.push(
      [
        String(decision).padEnd(10),
        ...REFUSALS.map((l) => share(l, labels, (p) => p === l)),
        share('out_of_scope', labels, (p) => p === 'general'),
        share('general', labels, (p) => p !== 'general'),
      ].join(''),
    );
  }
  return lines.join('\n');
}
