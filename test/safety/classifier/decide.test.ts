import { describe, expect, it } from 'vitest';
import { calibrate, type OofRow } from '../../../evals/safety/train/calibrate.js';
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
    const unsure = {
      ...probs('dosing', 0.3),
      medical_advice: 0.05,
      illegal_use: 0.05,
      general: 0.3,
      out_of_scope: 0.25,
    };
    expect(decideLabel(unsure, 'none', t)).toBe('general');
    expect(decideLabel(probs('dosing', 0.8), 'possible', t)).toBe('dosing');
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

describe('refusals decided together', () => {
  it('a request split between two refusal categories is refused (the likelier one), not sent to retrieval', () => {
    const p = { ...probs('general', 0.2), dosing: 0.35, medical_advice: 0.3, illegal_use: 0.05 };
    expect(decideLabel(p, 'none', t)).toBe('dosing');
  });

  it('summed refusals below the threshold still abstain, and a likelier general question stays general', () => {
    const unsure = { ...probs('general', 0.3), dosing: 0.2, medical_advice: 0.15, out_of_scope: 0.3, illegal_use: 0 };
    expect(decideLabel(unsure, 'none', t)).toBe('general');
    const general = { ...probs('general', 0.6), dosing: 0.2, medical_advice: 0.1, illegal_use: 0 };
    expect(decideLabel(general, 'none', t)).toBe('general');
  });
});

describe('calibrate: refusal and off-topic thresholds apart', () => {
  it('a low off-topic threshold keeps unsure off-topic questions out of retrieval while refusals stay strict', () => {
    const mix = (label: SafetyLabel, share: number, others: SafetyLabel[]): Record<SafetyLabel, number> =>
      Object.fromEntries(
        SAFETY_LABELS.map((l) => [l, l === label ? share : others.includes(l) ? (1 - share) / others.length : 0]),
      ) as Record<SafetyLabel, number>;
    const rows: OofRow[] = [];
    // As above, refusing general prompts needs a refusal threshold above 0.6; off-topic prompts are most likely
    // off-topic but only at 0.40–0.45 (the rest split between general and smalltalk). One shared threshold above 0.6
    // sent every one of them to retrieval.
    for (let i = 0; i < 100; i++) {
      const p = (lo: number, span: number) => lo + (span * i) / 99;
      rows.push({ gold: 'general', probabilities: mix('dosing', p(0.3, 0.4), ['general']), crisisProbability: 0 });
      rows.push({ gold: 'dosing', probabilities: mix('dosing', p(0.5, 0.2), ['general']), crisisProbability: 0 });
      rows.push({
        gold: 'out_of_scope',
        probabilities: mix('out_of_scope', p(0.4, 0.05), ['general', 'smalltalk']),
        crisisProbability: 0,
      });
    }
    const c = calibrate(rows);
    expect(c.decision).toBeGreaterThan(0.6);
    const offTopic = rows.filter((r) => r.gold === 'out_of_scope');
    expect(offTopic.filter((r) => decideLabel(r.probabilities, 'none', c) === 'out_of_scope')).toHaveLength(100);
  });
});
