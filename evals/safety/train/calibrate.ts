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
 * Thresholds from out-of-fold predictions: crisis and possible-crisis within their false-alarm budgets, then the two
 * category thresholds (refusal, off-topic) that together maximise balanced accuracy (mean per-label recall) of the
 * final labels within the over-refusal budget (the lowest over-refusal when no pair meets it). Two thresholds, not
 * one: a single one traded refusal recall against off-topic questions abstaining to retrieval (issue 12 round 6).
 */
export function calibrate(rows: OofRow[]): Thresholds {
  const negatives = rows.filter((r) => r.gold !== 'crisis').map((r) => r.crisisProbability);
  const crisis = thresholdForFalseAlarms(negatives, CRISIS_FALSE_ALARM);
  const possibleCrisis = Math.min(crisis, thresholdForFalseAlarms(negatives, POSSIBLE_FALSE_ALARM));
  // Each row's verdict is fixed except for abstention: precompute its label at threshold 0 and the share it must
  // reach, so that each of the 71 × 71 threshold pairs is one pass of comparisons (decideLabel per pair took a
  // minute on 7,000 rows).
  const base = labelsOf(rows, { decision: 0, offTopic: 0, crisis, possibleCrisis });
  const shares = rows.map((r, i) => shareOf(r.probabilities, base[i] as SafetyLabel));
  const refusal = base.map((l) => l === 'dosing' || l === 'medical_advice' || l === 'illegal_use');
  const present = SAFETY_LABELS.filter((l) => rows.some((r) => r.gold === l));
  const support = Object.fromEntries(present.map((l) => [l, rows.filter((r) => r.gold === l).length]));
  const generalCount = support.general ?? 0;
  let best = { decision: 0.5, offTopic: 0.5, score: -1, over: 1 };
  const candidates = GRID.filter((t) => t >= 0.2 && t <= 0.9);
  for (const decision of candidates)
    for (const offTopic of candidates) {
      const correct: Record<string, number> = {};
      let overRefused = 0;
      rows.forEach((r, i) => {
        const b = base[i] as SafetyLabel;
        const kept = b === 'crisis' || b === 'general' || (shares[i] as number) >= (refusal[i] ? decision : offTopic);
        const label = kept ? b : 'general';
        if (label === r.gold) correct[r.gold] = (correct[r.gold] ?? 0) + 1;
        if (r.gold === 'general' && label !== 'general') overRefused++;
      });
      const over = overRefused / Math.max(1, generalCount);
      const score = present.reduce((sum, l) => sum + (correct[l] ?? 0) / (support[l] as number), 0) / present.length;
      const within = over <= OVER_REFUSAL;
      const better = within
        ? best.over > OVER_REFUSAL || score > best.score
        : best.over > OVER_REFUSAL && over < best.over;
      if (better) best = { decision, offTopic, score, over };
    }
  return { decision: best.decision, offTopic: best.offTopic, crisis, possibleCrisis };
}

/** The share (renormalised without crisis) the outcome behind `label` has; refusals count summed, as decideLabel does. */
function shareOf(p: Record<SafetyLabel, number>, label: SafetyLabel): number {
  const rest = 1 - p.crisis;
  const refusals = p.dosing + p.medical_advice + p.illegal_use;
  return (label === 'dosing' || label === 'medical_advice' || label === 'illegal_use' ? refusals : p[label]) / rest;
}

export function labelsOf(rows: OofRow[], t: Thresholds): SafetyLabel[] {
  return rows.map((r) => decideLabel(r.probabilities, crisisTier(r.crisisProbability, t), t));
}
