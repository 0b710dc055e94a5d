import { describe, expect, it } from 'vitest';
import { UnitClassifier, UnitClassifierJsonSchema } from '../../src/answer/intent-model.js';

/** Three units whose "questions" point along different axes of a 4-d space (unit vectors, like USE-lite). */
const norm = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const examples = [
  { unit: 'a#1', v: norm([1, 0.1, 0, 0]) },
  { unit: 'a#1', v: norm([1, 0, 0.1, 0]) },
  { unit: 'b#2', v: norm([0, 1, 0.1, 0]) },
  { unit: 'b#2', v: norm([0.1, 1, 0, 0]) },
  { unit: 'c#3', v: norm([0, 0, 1, 0.1]) },
  { unit: 'c#3', v: norm([0, 0.1, 1, 0]) },
];
const units = ['a#1', 'b#2', 'c#3', 'empty#4'];
const fitted = () =>
  UnitClassifier.fit(
    examples.map((e) => e.v),
    examples.map((e) => e.unit),
    units,
    { epochs: 200, batch: 6, learningRate: 0.05 },
  );

describe('UnitClassifier', () => {
  it('gives P(unit | question): the unit whose questions are closest ranks first, with a low entropy', () => {
    const post = fitted().posterior(norm([0.9, 0.2, 0.1, 0]));
    expect(post.rank('a#1')).toBe(0);
    expect(post.probability('a#1')).toBe(post.max);
    expect(post.probability('a#1')).toBeGreaterThan(0.5);
    expect(post.entropy).toBeGreaterThan(0);
    expect(post.entropy).toBeLessThan(0.6);
    // A unit the classifier does not know: probability 0, ranked after every known unit.
    expect(post.probability('missing#9')).toBe(0);
    expect(post.rank('missing#9')).toBe(units.length);
  });

  it('is less sure of a vector halfway between two units than of one next to a unit', () => {
    const clf = fitted();
    const between = clf.posterior(norm([1, 1, 0, 0]));
    const near = clf.posterior(norm([1, 0.05, 0.05, 0]));
    expect(between.max).toBeLessThan(near.max);
    expect(between.entropy).toBeGreaterThan(near.entropy);
  });

  it('round-trips through zod-valid JSON with the bank hash, scoring the same within rounding', () => {
    const clf = fitted();
    const json = UnitClassifierJsonSchema.parse(JSON.parse(JSON.stringify(clf.toJson('a'.repeat(64)))));
    expect(json.bankHash).toBe('a'.repeat(64));
    const back = UnitClassifier.fromJson(json);
    const x = norm([0.2, 0.9, 0.3, 0.1]);
    for (const u of units) expect(back.posterior(x).probability(u)).toBeCloseTo(clf.posterior(x).probability(u), 3);
    expect(() => UnitClassifierJsonSchema.parse({ ...json, bias: [1] })).toThrow(/one row per unit/);
  });
});
