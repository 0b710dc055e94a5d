import { evaluate } from '../../../src/learn/metrics.js';
import { crisisTier, decideLabel, type Thresholds } from '../../../src/safety/classifier/decide.js';
import { SAFETY_LABELS, type SafetyLabel } from '../../../src/safety/classifier/labels.js';

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
export function calibrate(rows: OofRow[]): Thresholds {
  const negatives = rows.filter((r) => r.gold !== 'crisis').map((r) => r.crisisProbability);
  const crisis = thresholdForFalseAlarms(negatives, CRISIS_FALSE_ALARM);
  const possibleCrisis = Math.min(crisis, thresholdForFalseAlarms(negatives, POSSIBLE_FALSE_ALARM));
  let best = { decision: 0.5, score: -1, over: 1 };
  const general = rows.flatMap((r, i) => (r.gold === 'general' ? [i] : []));
  for (const decision of GRID.filter((t) => t >= 0.2 && t <= 0.9)) {
    const t = { decision, crisis, possibleCrisis };
    const labels = labelsOf(rows, t);
    const over = general.filter((i) => labels[i] !== 'general').length / Math.max(1, general.length);
    const score = evaluate(
      SAFETY_LABELS,
      rows.map((r) => r.gold),
      labels,
    ).macroRecall;
    const within = over <= OVER_REFUSAL;
    const better = within
      ? best.over > OVER_REFUSAL || score > best.score
      : best.over > OVER_REFUSAL && over < best.over;
    if (better) best = { decision, score, over };
  }
  return { decision: best.decision, crisis, possibleCrisis };
}

export function labelsOf(rows: OofRow[], t: Thresholds): SafetyLabel[] {
  return rows.map((r) => decideLabel(r.probabilities, crisisTier(r.crisisProbability, t), t));
}
