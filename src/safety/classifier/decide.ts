import type { SafetyLabel } from './labels.js';

export type CrisisTier = 'crisis' | 'possible' | 'none';

/** Calibrated by cross-validation (train.ts) and saved with the weights. */
export interface Thresholds {
  /** A refusal (the three categories summed) is decided at or above this share; below, the turn abstains. */
  decision: number;
  /**
   * Out-of-scope and smalltalk are decided at or above this share (default: `decision`). Separate because abstaining
   * on an off-topic question sends it to retrieval, which answers it from the articles when they share its words.
   */
  offTopic?: number;
  crisis: number;
  possibleCrisis: number;
}

export function crisisTier(p: number, t: Thresholds): CrisisTier {
  if (p >= t.crisis) return 'crisis';
  return p >= t.possibleCrisis ? 'possible' : 'none';
}

/** The refusal categories: decided together against the other labels, then told apart. */
const REFUSALS: readonly SafetyLabel[] = ['dosing', 'medical_advice', 'illegal_use'];

/**
 * The label: crisis only when the dedicated detector says so (it wins over everything); otherwise the most likely
 * non-crisis outcome, where the three refusal categories count as one outcome (their summed probability) and the
 * refusal is the likeliest of them. A non-general outcome must reach the decision threshold, or the turn abstains to
 * retrieval (`general`). Why summed: an indirect request often splits between two refusals ("would 50 mg be right
 * for someone like me" is part dosing, part medical advice); judged one by one, neither reached the threshold and
 * the request went to retrieval although refusing it was the clear verdict (dev: the ninth set's split requests).
 */
export function decideLabel(probabilities: Record<SafetyLabel, number>, tier: CrisisTier, t: Thresholds): SafetyLabel {
  if (tier === 'crisis') return 'crisis';
  let best: SafetyLabel = 'general';
  let bestP = -1;
  let refusal: SafetyLabel = 'dosing';
  let refusalP = 0;
  let rest = 0;
  for (const [label, p] of Object.entries(probabilities) as [SafetyLabel, number][]) {
    if (label === 'crisis') continue;
    rest += p;
    if (REFUSALS.includes(label)) {
      refusalP += p;
      if (p > (probabilities[refusal] ?? 0)) refusal = label;
    } else if (p > bestP) [best, bestP] = [label, p];
  }
  if (refusalP > bestP) [best, bestP] = [refusal, refusalP];
  // Renormalised without crisis: the detector has already said this is not one.
  const threshold = REFUSALS.includes(best) ? t.decision : (t.offTopic ?? t.decision);
  return best !== 'general' && bestP / rest < threshold ? 'general' : best;
}
