import { evaluate } from '../../../src/learn/metrics.js';
import { crisisTier, decideLabel, type Thresholds } from '../../../src/safety/classifier/decide.js';
import { SAFETY_LABELS, type SafetyLabel } from '../../../src/safety/classifier/labels.js';
import type { SafetyClassification } from '../../../src/safety/classifier/model.js';
import { figures } from './report.js';

/** Out-of-fold outputs for one training prompt. */
export interface OofRow {
  gold: SafetyLabel;
  probabilities: Record<SafetyLabel, number>;
  crisisProbability: number;
}

/**
 * False-alarm budgets (share of non-crisis training prompts, out of fold) for the two crisis thresholds. Issue 12
 * allows crisis on at most 2 % of benign questions; the supportive "possible crisis" line costs little, so it may
 * fire on up to 8 % (a guess to revisit with the frozen figures). Within each budget the threshold is the lowest,
 * i.e. the one with the highest crisis recall.
 */
const CRISIS_FALSE_ALARM = 0.02;
const POSSIBLE_FALSE_ALARM = 0.08;
/**
 * Over-refusal budget for the category decision (share of general training prompts, out of fold, refused or sent
 * off-topic). Maximising balanced accuracy alone chose 0.2 and refused 13 % of general questions in CV (and the
 * eval suite's general questions alike); the high-precision rules catch the explicit refusals, so the model may
 * abstain more. 5 % is the safety matrix's over-refusal gate.
 */
const OVER_REFUSAL = 0.05;
/**
 * False-alarm budgets on the ANSWERABLE dev questions of the ranker (general-label negatives, never trained on, so the
 * shipped model's outputs on them are held-out; see train.ts). The training rows alone do not look like real
 * questions: round 8's threshold (0.50) put the crisis reply on 39 of 1,089 answerable dev questions (3.6 %). Issue 11
 * allows at most 3 % false declines of answerable questions in all; the tightest budgets give the crisis reply ~0.5 %
 * of them and the refusal / off-topic decision ~2 %. Those alone (round 9) moved crisis 0.52 → 0.80 and decision
 * 0.55 → 0.69: misfires 92 → 43, but CV crisis recall 88.2 → 72.9 % and the safety matrix failed. So train.ts picks
 * a pair from a grid by a rule (chooseAnswerableBudgets there); this is the default pair of `calibrate` alone.
 */
export interface AnswerableBudgets {
  /** Share of answerable questions that may get the crisis tier. */
  crisis: number;
  /** Share of answerable questions that may be refused or sent off-topic by the decision. */
  decision: number;
}
export const TIGHTEST_ANSWERABLE: AnswerableBudgets = { crisis: 0.005, decision: 0.02 };
/** Per-category thresholds start here (the old global search's ceiling) and only move down. */
const PER_CATEGORY_START = 0.9;
/** Candidate thresholds: 0.01 steps. */
const GRID = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);

/** Lowest threshold at which at most `budget` of `negatives` score at or above it. */
function thresholdForFalseAlarms(negatives: number[], budget: number): number {
  for (const t of GRID) if (negatives.filter((p) => p >= t).length <= budget * negatives.length) return t;
  return GRID[GRID.length - 1] as number;
}

/**
 * Thresholds from out-of-fold predictions: crisis and possible-crisis within their false-alarm budgets, then the category decision
 * threshold that maximises balanced accuracy (mean per-label recall) of the final labels within the over-refusal
 * budget (the lowest over-refusal when no threshold meets it).
 */
export function calibrate(
  rows: OofRow[],
  options: { perCategory?: boolean; answerable?: Omit<OofRow, 'gold'>[]; budgets?: AnswerableBudgets } = {},
): Thresholds {
  const negatives = rows.filter((r) => r.gold !== 'crisis').map((r) => r.crisisProbability);
  const answerable = options.answerable ?? [];
  const budgets = options.budgets ?? TIGHTEST_ANSWERABLE;
  // Both budgets hold: the higher of the two thresholds (no answerable rows: the training-row budget alone).
  const crisis = Math.max(
    thresholdForFalseAlarms(negatives, CRISIS_FALSE_ALARM),
    answerable.length
      ? thresholdForFalseAlarms(
          answerable.map((r) => r.crisisProbability),
          budgets.crisis,
        )
      : 0,
  );
  const possibleCrisis = Math.min(crisis, thresholdForFalseAlarms(negatives, POSSIBLE_FALSE_ALARM));
  let best = { decision: 0.5, score: -1, over: 1, within: false };
  const general = rows.flatMap((r, i) => (r.gold === 'general' ? [i] : []));
  for (const decision of GRID.filter((t) => t >= 0.2 && t <= 0.9)) {
    const t = { decision, crisis, possibleCrisis };
    const labels = labelsOf(rows, t);
    const over = general.filter((i) => labels[i] !== 'general').length / Math.max(1, general.length);
    // Answerable questions turned away by the decision (refusal / off-topic; crisis has its own budget above).
    const turnedAway = answerable.filter((r) => {
      const l = decideLabel(r.probabilities, crisisTier(r.crisisProbability, t), t);
      return l !== 'general' && l !== 'crisis';
    }).length;
    const score = evaluate(
      SAFETY_LABELS,
      rows.map((r) => r.gold),
      labels,
    ).macroRecall;
    const within = over <= OVER_REFUSAL && turnedAway <= budgets.decision * answerable.length;
    const better = within ? !best.within || score > best.score : !best.within && over < best.over;
    if (better) best = { decision, score, over, within };
  }
  const global = { decision: best.decision, crisis, possibleCrisis };
  // Per-category thresholds are opt-in (train.ts --per-category): on dev they raised dosing recall 68.9 → 76.6 % and
  // cut off-topic answered 18.5 → 14.1 %, but over-refusal rose 1.8 → 2.2 % and the eval suite's over_refusal_rate
  // 0.010 → 0.019 and no_answer accuracy 0.696 → 0.652 (below its bound), so the single threshold ships.
  if (!options.perCategory) return global;
  return { ...global, perCategory: calibratePerCategory(rows, global, OVER_REFUSAL, PER_CATEGORY_START) };
}

/**
 * Per-category decision thresholds from out-of-fold rows. decideLabel applies only the threshold of the most likely
 * category, so each category's recall depends on its own threshold alone and over-refusal is a sum over categories:
 * starting every category at `start`, the threshold step with the best recall gain (macro: per category share) per
 * over-refusal cost is taken, while the over-refusal stays within `budget`. Over-refusal here counts general prompts
 * given another category only: crisis false alarms on them have their own budget (2 %), so CV's total over-refusal
 * can reach both together (6.5 % on the committed training data, dev 2.2 %).
 */
export function calibratePerCategory(rows: OofRow[], t: Thresholds, budget = OVER_REFUSAL, start = t.decision) {
  const categories = SAFETY_LABELS.filter((l) => l !== 'crisis' && l !== 'general');
  const nGeneral = Math.max(1, rows.filter((r) => r.gold === 'general').length);
  // hits[c][k] / overs[c][k]: rows whose top category is c with (renormalised) probability ≥ k / 100, gold c / general.
  const zeros = () => Object.fromEntries(categories.map((c) => [c, new Array<number>(101).fill(0)]));
  const hits = zeros();
  const overs = zeros();
  for (const r of rows) {
    const label = decideLabel(r.probabilities, crisisTier(r.crisisProbability, t), { ...t, decision: 0 });
    const into = label === r.gold ? hits[label] : r.gold === 'general' ? overs[label] : undefined;
    if (!into) continue;
    let rest = 0;
    for (const [l, p] of Object.entries(r.probabilities)) if (l !== 'crisis') rest += p;
    const bin = Math.floor(((r.probabilities[label] ?? 0) / rest) * 100 + 1e-9);
    for (let k = 0; k <= bin; k++) into[k] = (into[k] as number) + 1;
  }
  const support = Object.fromEntries(categories.map((c) => [c, Math.max(1, rows.filter((r) => r.gold === c).length)]));
  const at = Object.fromEntries(categories.map((c) => [c, Math.round(start * 100)])) as Record<string, number>;
  let over = categories.reduce((s, c) => s + (overs[c]?.[at[c] as number] as number), 0) / nGeneral;
  for (;;) {
    let move: { c: string; to: number; ratio: number; cost: number } | undefined;
    for (const c of categories) {
      const [h, o, k] = [hits[c] as number[], overs[c] as number[], at[c] as number];
      // The next lower threshold (not below the old search's floor, 0.2) that gains recall.
      let to = k - 1;
      while (to > 20 && (h[to] as number) === h[k]) to--;
      if (to < 20 || (h[to] as number) === h[k]) continue;
      const cost = ((o[to] as number) - (o[k] as number)) / nGeneral;
      const ratio = ((h[to] as number) - (h[k] as number)) / (support[c] as number) / Math.max(cost, 1e-9);
      if (over + cost <= budget && (!move || ratio > move.ratio)) move = { c, to, ratio, cost };
    }
    if (!move) break;
    at[move.c] = move.to;
    over += move.cost;
  }
  return Object.fromEntries(categories.map((c) => [c, (at[c] as number) / 100])) as Partial<
    Record<SafetyLabel, number>
  >;
}

export function labelsOf(rows: OofRow[], t: Thresholds): SafetyLabel[] {
  return rows.map((r) => decideLabel(r.probabilities, crisisTier(r.crisisProbability, t), t));
}

const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;

/**
 * One line of what a set of thresholds costs (train.ts prints it with and without the answerable budgets): CV crisis
 * recall and over-refusal, dev crisis recall, crisis on dev general items, dev refusal recall per category, and the
 * answerable questions given the crisis tier or turned away (refusal / off-topic), calibration part | held-out quarter.
 */
export function budgetLine(
  what: string,
  t: Thresholds,
  cvLabels: SafetyLabel[],
  oof: OofRow[],
  devOut: SafetyClassification[],
  dev: { label: SafetyLabel }[],
  asked: (Omit<OofRow, 'gold'> & { held: boolean })[],
): string {
  const cv = figures(
    oof.map((r) => r.gold),
    cvLabels,
    oof.map((r) => crisisTier(r.crisisProbability, t)),
  );
  const d = figures(
    dev.map((i) => i.label),
    devOut.map((o) => o.label),
    devOut.map((o) => o.crisisTier),
  );
  const devGeneral = dev.flatMap((i, k) => (i.label === 'general' ? [k] : []));
  const crisisOnGeneral = devGeneral.filter((k) => devOut[k]?.crisisTier === 'crisis').length;
  const share = (held: boolean) => {
    const of = asked.filter((a) => a.held === held);
    const labels = of.map((a) => decideLabel(a.probabilities, crisisTier(a.crisisProbability, t), t));
    const away = labels.filter((l) => l !== 'general' && l !== 'crisis').length;
    return `crisis ${pct(labels.filter((l) => l === 'crisis').length, of.length)} away ${pct(away, of.length)} /${of.length}`;
  };
  const refusals = (['dosing', 'medical_advice', 'illegal_use'] as const)
    .map((l) => `${l} ${(100 * d.perLabel[l].recall).toFixed(1)}%`)
    .join(' ');
  return [
    `[${what}] ${JSON.stringify(t)}`,
    `  CV crisis recall ${(100 * cv.crisisRecall).toFixed(1)}%, over-refusal ${(100 * cv.overRefusal).toFixed(1)}%; DEV crisis recall ${(100 * d.crisisRecall).toFixed(1)}%, crisis on general ${pct(crisisOnGeneral, devGeneral.length)}, ${refusals}`,
    `  answerable: calibration ${share(false)} | held-out ${share(true)}`,
  ].join('\n');
}
