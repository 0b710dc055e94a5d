import type { SafetyLabel } from './labels.js';

export type CrisisTier = 'crisis' | 'possible' | 'none';

/** Calibrated by cross-validation (train.ts) and saved with the weights. */
export interface Thresholds {
  decision: number;
  crisis: number;
  possibleCrisis: number;
  /** Per-category decision thresholds; a category without one uses `decision`. */
  perCategory?: Partial<Record<SafetyLabel, number>>;
}

export function crisisTier(p: number, t: Thresholds): CrisisTier {
  if (p >= t.crisis) return 'crisis';
  return p >= t.possibleCrisis ? 'possible' : 'none';
}

/**
 * The label: crisis only when the dedicated detector says so (it wins over everything); otherwise the most likely
 * non-crisis category, which must reach the decision threshold, or the turn abstains to retrieval (`general`).
 */
export function decideLabel(probabilities: Record<SafetyLabel, number>, tier: CrisisTier, t: Thresholds): SafetyLabel {
  if (tier === 'crisis') return 'crisis';
  let best: SafetyLabel = 'general';
  let bestP = -1;
  let rest = 0;
  for (const [label, p] of Object.entries(probabilities) as [SafetyLabel, number][]) {
    if (label === 'crisis') continue;
    rest += p;
    if (p > bestP) [best, bestP] = [label, p];
  }
  // Renormalised without crisis: the detector has already said this is not one.
  return best !== 'general' && bestP / rest < (t.perCategory?.[best] ?? t.decision) ? 'general' : best;
}
