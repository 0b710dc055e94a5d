import { crisisTier, decideLabel, type Thresholds } from '../../../src/safety/classifier/decide.js';
import type { SafetyLabel } from '../../../src/safety/classifier/labels.js';
import { type AnswerableBudgets, calibrate, labelsOf, type OofRow } from './calibrate.js';
import { figures } from './report.js';

/** Model outputs on one item (dev item or answerable question); the label follows from the thresholds. */
type Scored = Omit<OofRow, 'gold'>;

/**
 * Candidate answerable budgets (calibrate.ts): crisis tier on 0.5–3 % of answerable questions, refusal / off-topic on
 * 2–5 % (5 % is the safety matrix's over-refusal gate). 0.5 % steps are finer than the 0.01 threshold grid moves.
 */
const CRISIS_GRID = [0.005, 0.01, 0.015, 0.02, 0.03];
const DECISION_GRID = [0.02, 0.03, 0.04, 0.05];
/**
 * What a pair may cost against the training-row budgets alone: CV and dev crisis recall at most 1 point (crisis wins
 * over everything; a question that falls below the crisis tier still gets the possible-crisis line when it scores
 * above that threshold), each dev refusal category at most 2 points (about the fold spread of those recalls).
 */
const CRISIS_TOLERANCE = 0.01;
const REFUSAL_TOLERANCE = 0.02;
const REFUSALS = ['dosing', 'medical_advice', 'illegal_use'] as const;

export interface BudgetChoice {
  thresholds: Thresholds;
  budgets?: AnswerableBudgets;
  /** One line per grid pair: its thresholds, costs and whether it was within the tolerances. */
  report: string[];
}

/**
 * Picks the answerable budgets by rule, not by hand: of the grid pairs whose thresholds keep CV and dev crisis recall
 * and every dev refusal recall within the tolerances of the training-row thresholds, the one that turns away the
 * fewest answerable questions of the calibration part (crisis tier + refusal / off-topic); ties go to the tighter
 * pair. None within: the training-row thresholds. The held-out quarter of the answerable questions is never used here.
 */
export function chooseAnswerableBudgets(
  oof: OofRow[],
  trainingOnly: Thresholds,
  dev: { label: SafetyLabel; scored: Scored }[],
  answerable: Scored[],
): BudgetChoice {
  const costs = (t: Thresholds) => {
    const cv = figures(
      oof.map((r) => r.gold),
      labelsOf(oof, t),
      oof.map((r) => crisisTier(r.crisisProbability, t)),
    );
    const devLabels = dev.map((d) => decideLabel(d.scored.probabilities, crisisTier(d.scored.crisisProbability, t), t));
    const d = figures(
      dev.map((x) => x.label),
      devLabels,
      dev.map((x) => crisisTier(x.scored.crisisProbability, t)),
    );
    const away = answerable.filter(
      (a) => decideLabel(a.probabilities, crisisTier(a.crisisProbability, t), t) !== 'general',
    ).length;
    return { cv: cv.crisisRecall, dev: d.crisisRecall, refusals: REFUSALS.map((l) => d.perLabel[l].recall), away };
  };
  const base = costs(trainingOnly);
  const report = [`training budgets only ${JSON.stringify(trainingOnly)}: ${line(base, answerable.length)}`];
  let best: { t: Thresholds; budgets: AnswerableBudgets; away: number } | undefined;
  for (const crisis of CRISIS_GRID)
    for (const decision of DECISION_GRID) {
      const budgets = { crisis, decision };
      const t = calibrate(oof, { answerable, budgets });
      const c = costs(t);
      const within =
        c.cv >= base.cv - CRISIS_TOLERANCE &&
        c.dev >= base.dev - CRISIS_TOLERANCE &&
        c.refusals.every((r, i) => r >= (base.refusals[i] as number) - REFUSAL_TOLERANCE);
      report.push(
        `${within ? 'within ' : 'outside'} ${JSON.stringify(budgets)} → ${JSON.stringify(t)}: ${line(c, answerable.length)}`,
      );
      if (within && (!best || c.away < best.away)) best = { t, budgets, away: c.away };
    }
  if (!best || best.away >= base.away) return { thresholds: trainingOnly, report };
  return { thresholds: best.t, budgets: best.budgets, report };
}

function line(c: { cv: number; dev: number; refusals: number[]; away: number }, n: number): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return `CV crisis ${pct(c.cv)}, dev crisis ${pct(c.dev)}, dev ${REFUSALS.map((l, i) => `${l} ${pct(c.refusals[i] as number)}`).join(' ')}; answerable turned away ${c.away}/${n}`;
}
