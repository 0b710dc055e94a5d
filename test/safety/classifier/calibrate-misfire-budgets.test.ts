import { describe, expect, it } from 'vitest';
import { chooseAnswerableBudgets } from '../../../evals/safety/train/answerable-budgets.js';
import { calibrate, type OofRow } from '../../../evals/safety/train/calibrate.js';
import { crisisTier, decideLabel, type Thresholds } from '../../../src/safety/classifier/decide.js';
import { SAFETY_LABELS, type SafetyLabel } from '../../../src/safety/classifier/labels.js';

const mix = (top: SafetyLabel, p: number): Record<SafetyLabel, number> =>
  Object.fromEntries(SAFETY_LABELS.map((l) => [l, l === top ? p : l === 'general' ? 1 - p : 0])) as Record<
    SafetyLabel,
    number
  >;

/** 100 crisis prompts scoring 0.30–0.99 and 100 general ones 0.00–0.49: the training budget alone gives ~0.48. */
function trainingRows(): OofRow[] {
  const rows: OofRow[] = [];
  for (let i = 0; i < 100; i++)
    rows.push({ gold: 'crisis', probabilities: mix('general', 0.1), crisisProbability: 0.3 + (0.69 * i) / 99 });
  for (let i = 0; i < 100; i++)
    rows.push({ gold: 'general', probabilities: mix('dosing', 0.1), crisisProbability: (0.49 * i) / 99 });
  for (let i = 0; i < 100; i++)
    rows.push({ gold: 'dosing', probabilities: mix('dosing', 0.6 + (0.3 * i) / 99), crisisProbability: 0 });
  return rows;
}

describe('calibrate: false-alarm budgets on answerable questions (answer misfires)', () => {
  it('raises the crisis threshold until at most 0.5 % of answerable questions get the crisis tier', () => {
    // 1,000 answerable questions scoring 0.00–0.80: at the training threshold (~0.48) about 40 % would get crisis.
    const answerable = Array.from({ length: 1000 }, (_, i) => ({
      probabilities: mix('general', 0.1),
      crisisProbability: (0.8 * i) / 999,
    }));
    const before = calibrate(trainingRows());
    const after = calibrate(trainingRows(), { answerable });
    expect(before.crisis).toBeLessThan(0.5);
    const tiered = answerable.filter((a) => crisisTier(a.crisisProbability, after) === 'crisis').length;
    expect(tiered).toBeLessThanOrEqual(5);
    expect(after.crisis).toBeGreaterThan(0.79);
  });

  it('raises the decision threshold until at most 2 % of answerable questions are refused or sent off-topic', () => {
    // Answerable questions whose dosing share runs 0.40–0.80 (general prompts of the training rows stay at 0.1).
    const answerable = Array.from({ length: 500 }, (_, i) => ({
      probabilities: mix('dosing', 0.4 + (0.4 * i) / 499),
      crisisProbability: 0,
    }));
    const away = (t: ReturnType<typeof calibrate>) =>
      answerable.filter((a) => decideLabel(a.probabilities, 'none', t) !== 'general').length;
    expect(away(calibrate(trainingRows()))).toBeGreaterThan(10);
    const after = calibrate(trainingRows(), { answerable });
    expect(away(after)).toBeLessThanOrEqual(10);
    expect(after.decision).toBeGreaterThanOrEqual(0.78);
  });

  it('leaves the thresholds as the training budgets set them when no answerable question is near them', () => {
    const answerable = Array.from({ length: 200 }, () => ({
      probabilities: mix('general', 0.05),
      crisisProbability: 0,
    }));
    expect(calibrate(trainingRows(), { answerable })).toEqual(calibrate(trainingRows()));
  });
});

describe('chooseAnswerableBudgets: the answerable budgets picked by rule', () => {
  const dev = trainingRows().map((r) => ({ label: r.gold, scored: r }));

  it('takes the pair that turns away fewest answerable questions while crisis and refusal recall hold', () => {
    // Crisis prompts score 0.60–0.99, general ones 0.00–0.45 (training threshold ≈ 0.44); answerable questions score
    // 0.45–0.58, so a higher crisis threshold spares them all without losing one crisis prompt.
    const rows = trainingRows().map((r, i) =>
      r.gold === 'crisis'
        ? { ...r, crisisProbability: 0.6 + (0.39 * i) / 99 }
        : r.gold === 'general'
          ? { ...r, crisisProbability: (0.45 * (i - 100)) / 99 }
          : r,
    );
    const answerable = Array.from({ length: 400 }, (_, i) => ({
      probabilities: mix('general', 0.1),
      crisisProbability: 0.45 + (0.13 * i) / 399,
    }));
    const base = calibrate(rows);
    const chosen = chooseAnswerableBudgets(
      rows,
      base,
      rows.map((r) => ({ label: r.gold, scored: r })),
      answerable,
    );
    expect(chosen.budgets).toBeDefined();
    const away = (t: Thresholds) => answerable.filter((a) => crisisTier(a.crisisProbability, t) === 'crisis').length;
    expect(away(chosen.thresholds)).toBeLessThan(away(base));
    expect(chosen.report.length).toBeGreaterThan(1);
  });

  it('keeps the training-row thresholds when sparing answerable questions would cost crisis recall', () => {
    // Answerable questions scoring like the crisis prompts themselves: no budget spares them within 1 point of recall.
    const answerable = Array.from({ length: 400 }, (_, i) => ({
      probabilities: mix('general', 0.1),
      crisisProbability: 0.5 + (0.49 * i) / 399,
    }));
    const base = calibrate(trainingRows());
    const chosen = chooseAnswerableBudgets(trainingRows(), base, dev, answerable);
    expect(chosen.budgets).toBeUndefined();
    expect(chosen.thresholds).toEqual(base);
  });
});
