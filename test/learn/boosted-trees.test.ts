import { describe, expect, it } from 'vitest';
import { fitBoostedTrees, treeMargin, type BoostOptions } from '../../src/learn/boosted-trees.js';
import { BoostedTreesJsonSchema } from '../../src/learn/trees-json.js';
import { listwiseGradients, logisticGradients } from '../../src/learn/boost-losses.js';

const OPTIONS: BoostOptions = {
  rounds: 60,
  depth: 2,
  learningRate: 0.3,
  l2: 1,
  minChildHessian: 0.5,
  bins: 8,
  subsample: 1,
  seed: 1,
};

describe('boosted trees (src/learn/boosted-trees.ts)', () => {
  it('separates XOR, which no linear model can', () => {
    const xs: number[][] = [];
    const ys: number[] = [];
    // Unequal quadrant sizes, so the first greedy split has a gain (balanced XOR gives none to a greedy tree).
    for (const [a, b, n] of [
      [0, 0, 40],
      [0, 1, 20],
      [1, 0, 30],
      [1, 1, 10],
    ] as const)
      for (let i = 0; i < n; i++) {
        xs.push([a + (i % 5) * 0.01, b - (i % 3) * 0.01]);
        ys.push(a === b ? 0 : 1);
      }
    const model = fitBoostedTrees(xs, logisticGradients(ys), OPTIONS);
    const right = xs.filter((x, i) => (treeMargin(model, x) > 0 ? 1 : 0) === ys[i]).length;
    expect(right).toBe(xs.length);
    // Stumps (depth 1) add up one function per feature, which cannot express XOR: depth is what buys interactions.
    const stumps = fitBoostedTrees(xs, logisticGradients(ys), { ...OPTIONS, depth: 1 });
    expect(xs.filter((x, i) => (treeMargin(stumps, x) > 0 ? 1 : 0) === ys[i]).length).toBeLessThan(xs.length);
    expect(treeMargin(model, xs[0] as number[], 0)).toBe(0);
  });

  it('listwise: learns to put the right candidate of each query first, from a starting margin', () => {
    // Each query has 3 candidates; the right one has the largest feature 1 (feature 0 is a decoy the start favours).
    const xs: number[][] = [];
    const groups: { rows: number[]; right: boolean[] }[] = [];
    for (let q = 0; q < 30; q++) {
      const rows: number[] = [];
      for (let c = 0; c < 3; c++) {
        rows.push(xs.length);
        xs.push([c === 2 ? 1 : 0, c === q % 2 ? 0.9 : 0.1 * c]);
      }
      groups.push({ rows, right: [0, 1, 2].map((c) => c === q % 2) });
    }
    const init = Float64Array.from(xs.map((x) => x[0] as number));
    const model = fitBoostedTrees(xs, listwiseGradients(groups), OPTIONS, init);
    for (const g of groups) {
      const scores = g.rows.map((i) => (init[i] as number) + treeMargin(model, xs[i] as number[]));
      expect(g.right[scores.indexOf(Math.max(...scores))]).toBe(true);
    }
  });

  it('the JSON schema rejects a tree whose child points backwards or whose arrays disagree', () => {
    const ok = {
      dims: 2,
      trees: [
        { feature: [0, -1, -1], threshold: [0.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, -1, 1] },
      ],
    };
    expect(BoostedTreesJsonSchema.safeParse(ok).success).toBe(true);
    expect(treeMargin(ok, [0.2, 0])).toBe(-1);
    expect(treeMargin(ok, [0.9, 0])).toBe(1);
    const loop = { dims: 2, trees: [{ ...ok.trees[0], left: [0, -1, -1] }] };
    expect(BoostedTreesJsonSchema.safeParse(loop).success).toBe(false);
    const short = { dims: 2, trees: [{ ...ok.trees[0], value: [0, 1] }] };
    expect(BoostedTreesJsonSchema.safeParse(short).success).toBe(false);
  });
});
