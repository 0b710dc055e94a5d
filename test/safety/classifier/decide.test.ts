import { describe, expect, it } from 'vitest';
import { calibrate, calibratePerCategory, type OofRow } from '../../../evals/safety/train/calibrate.js';
import { crisisTier, decideLabel } from '../../../src/safety/classifier/decide.js';
import { SAFETY_LABELS, type SafetyLabel } from '../../../src/safety/classifier/labels.js';

const t = { decision: 0.5, crisis: 0.6, possibleCrisis: 0.2 };
const probs = (top: SafetyLabel, p: number): Record<SafetyLabel, number> => {
  const rest = (1 - p) / (SAFETY_LABELS.length - 1);
  return Object.fromEntries(SAFETY_LABELS.map((l) => [l, l === top ? p : rest])) as Record<SafetyLabel, number>;
};

describe('crisis tiers and the category decision', () => {
  it('tiers follow the two crisis thresholds', () => {
    expect(crisisTier(0.6, t)).toBe('crisis');
    expect(crisisTier(0.3, t)).toBe('possible');
    expect(crisisTier(0.1, t)).toBe('none');
  });

  it('crisis from the detector wins over a confident refusal category', () => {
    expect(decideLabel(probs('dosing', 0.95), 'crisis', t)).toBe('crisis');
  });

  it('the category model alone never decides crisis: without the detector the next label is used', () => {
    expect(decideLabel(probs('crisis', 0.9), 'none', t)).not.toBe('crisis');
  });

  it('an unsure refusal abstains to retrieval (general); a sure one is kept', () => {
    expect(decideLabel(probs('dosing', 0.3), 'none', t)).toBe('general');
    expect(decideLabel(probs('dosing', 0.8), 'possible', t)).toBe('dosing');
  });
});

describe('per-category decision thresholds', () => {
  it('a category with its own threshold uses it; the others keep the global one', () => {
    const per = { ...t, perCategory: { dosing: 0.2 } };
    expect(decideLabel(probs('dosing', 0.3), 'none', per)).toBe('dosing');
    expect(decideLabel(probs('illegal_use', 0.3), 'none', per)).toBe('general');
  });

  it('calibration lowers the threshold of the category that gains recall for free, not of one that costs over-refusal', () => {
    const rows: OofRow[] = [];
    const row = (gold: SafetyLabel, top: SafetyLabel, p: number) =>
      rows.push({ gold, probabilities: probs(top, p), crisisProbability: 0 });
    // (0.4 is 0.44 once renormalised without crisis.) Dosing prompts at 0.4 are right and nothing else sits there; illegal-use prompts at 0.4 come with general
    // questions that would be refused at 0.4.
    for (let i = 0; i < 20; i++) {
      row('dosing', 'dosing', 0.4);
      row('illegal_use', 'illegal_use', 0.4);
      row('general', 'illegal_use', 0.4);
    }
    for (let i = 0; i < 60; i++) row('general', 'general', 0.9);
    const per = calibratePerCategory(rows, t, 0.05, 0.9);
    expect(per.dosing).toBeLessThanOrEqual(0.44);
    expect(per.illegal_use).toBeGreaterThan(0.45);
  });
});

describe('calibrate', () => {
  it('puts the crisis threshold where false alarms on non-crisis prompts stay within 2 %', () => {
    const rows: OofRow[] = [];
    // 100 crisis prompts scoring 0.30–0.99; 100 others scoring 0.00–0.49: the top 2 % of others start at 0.48.
    for (let i = 0; i < 100; i++)
      rows.push({ gold: 'crisis', probabilities: probs('crisis', 0.9), crisisProbability: 0.3 + (0.69 * i) / 99 });
    for (let i = 0; i < 100; i++)
      rows.push({ gold: 'general', probabilities: probs('general', 0.9), crisisProbability: (0.49 * i) / 99 });
    const c = calibrate(rows);
    expect(c.crisis).toBeGreaterThanOrEqual(0.47);
    expect(c.crisis).toBeLessThanOrEqual(0.49);
    expect(c.possibleCrisis).toBeLessThan(c.crisis);
  });

  it('raises the category decision threshold until at most 5 % of general prompts are refused', () => {
    const mix = (dosing: number): Record<SafetyLabel, number> =>
      Object.fromEntries(
        SAFETY_LABELS.map((l) => [l, l === 'dosing' ? dosing : l === 'general' ? 1 - dosing : 0]),
      ) as Record<SafetyLabel, number>;
    const rows: OofRow[] = [];
    // General prompts whose dosing share runs 0.30–0.70; dosing prompts 0.50–0.70. Balanced accuracy alone would
    // keep the threshold at 0.5 and refuse half of the general prompts.
    for (let i = 0; i < 100; i++)
      rows.push({ gold: 'general', probabilities: mix(0.3 + (0.4 * i) / 99), crisisProbability: 0 });
    for (let i = 0; i < 100; i++)
      rows.push({ gold: 'dosing', probabilities: mix(0.5 + (0.2 * i) / 99), crisisProbability: 0 });
    const c = calibrate(rows);
    const refused = rows.filter(
      (r) => r.gold === 'general' && decideLabel(r.probabilities, 'none', c) !== 'general',
    ).length;
    expect(refused).toBeLessThanOrEqual(5);
    expect(c.decision).toBeGreaterThan(0.6);
  });
});
