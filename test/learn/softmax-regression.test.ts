import { describe, expect, it } from 'vitest';
import { groupFolds, outOfFold } from '../../src/learn/cross-validation.js';
import { evaluate } from '../../src/learn/metrics.js';
import { seededRandom } from '../../src/learn/random.js';
import { fromDense, type SparseVector } from '../../src/learn/sparse.js';
import { crossEntropy, predictProba, trainSoftmax } from '../../src/learn/softmax-regression.js';
import { LinearModelJsonSchema, linearModelFromJson, linearModelToJson } from '../../src/learn/weights-file.js';

/** Three Gaussian blobs in 2-d, around (0,3), (3,0) and (-3,-3). */
function blobs(n: number, seed: number): { xs: SparseVector[]; ys: number[] } {
  const random = seededRandom(seed);
  const centres = [
    [0, 3],
    [3, 0],
    [-3, -3],
  ];
  const xs: SparseVector[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = i % 3;
    const [cx, cy] = centres[y] as number[];
    xs.push(fromDense([(cx as number) + random() - 0.5, (cy as number) + random() - 0.5]));
    ys.push(y);
  }
  return { xs, ys };
}

describe('trainSoftmax', () => {
  it('separates separable classes and lowers the loss', () => {
    const { xs, ys } = blobs(90, 1);
    const untrained = trainSoftmax(xs, ys, { classes: 3, dims: 2, iterations: 1 });
    const model = trainSoftmax(xs, ys, { classes: 3, dims: 2, iterations: 200 });
    expect(crossEntropy(model, xs, ys)).toBeLessThan(crossEntropy(untrained, xs, ys) / 5);
    const test = blobs(30, 2);
    const predicted = test.xs.map((x) => predictProba(model, x)).map((p) => p.indexOf(Math.max(...p)));
    expect(predicted).toEqual(test.ys);
  });

  it('is deterministic and its probabilities sum to one', () => {
    const { xs, ys } = blobs(30, 3);
    const a = trainSoftmax(xs, ys, { classes: 3, dims: 2, iterations: 50 });
    const b = trainSoftmax(xs, ys, { classes: 3, dims: 2, iterations: 50 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    const p = predictProba(a, xs[0] as SparseVector);
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 10);
  });

  it('class weights move the decision towards the up-weighted class', () => {
    // One feature, overlapping classes: the up-weighted class must get a higher probability at the overlap.
    const xs = [0, 0.4, 0.6, 1, 0.5, 0.5].map((v) => fromDense([v]));
    const ys = [0, 0, 1, 1, 0, 1];
    const plain = trainSoftmax(xs, ys, { classes: 2, dims: 1 });
    const weighted = trainSoftmax(xs, ys, { classes: 2, dims: 1, classWeights: [1, 5] });
    const mid = fromDense([0.5]);
    expect(predictProba(weighted, mid)[1]).toBeGreaterThan((predictProba(plain, mid)[1] as number) + 0.2);
  });

  it('stronger L2 shrinks the weights', () => {
    const { xs, ys } = blobs(60, 4);
    const norm = (l2: number) =>
      Math.hypot(...trainSoftmax(xs, ys, { classes: 3, dims: 2, l2, iterations: 100 }).weights);
    expect(norm(1)).toBeLessThan(norm(1e-5) / 2);
  });
});

describe('weights file', () => {
  it('round-trips through JSON (labels name the rows) and rejects a ragged file', () => {
    const { xs, ys } = blobs(30, 5);
    const model = trainSoftmax(xs, ys, { classes: 3, dims: 2, iterations: 50 });
    const json = LinearModelJsonSchema.parse(JSON.parse(JSON.stringify(linearModelToJson(model, ['a', 'b', 'c']))));
    expect(json.weights).toHaveLength(3);
    const back = linearModelFromJson(json);
    expect(predictProba(back, xs[0] as SparseVector)[0]).toBeCloseTo(
      predictProba(model, xs[0] as SparseVector)[0] as number,
      4,
    );
    expect(LinearModelJsonSchema.safeParse({ ...json, weights: [[1], [2, 3], [4, 5]] }).success).toBe(false);
    expect(LinearModelJsonSchema.safeParse({ ...json, bias: [0] }).success).toBe(false);
  });
});

describe('cross-validation', () => {
  it('keeps each group in one fold and spreads every label over the folds', () => {
    const labels = Array.from({ length: 60 }, (_, i) => i % 2);
    const groups = labels.map((_, i) => `g${Math.floor(i / 3)}`);
    const folds = groupFolds(labels, groups, 5, 7);
    for (let i = 0; i < 60; i++)
      for (let j = 0; j < 60; j++) if (groups[i] === groups[j]) expect(folds[i]).toBe(folds[j]);
    for (let f = 0; f < 5; f++) expect(new Set(labels.filter((_, i) => folds[i] === f)).size).toBeGreaterThan(0);
    expect(new Set(folds).size).toBe(5);
    expect(groupFolds(labels, groups, 5, 7)).toEqual(folds);
  });

  it('outOfFold predicts each sample with a model that never saw it', () => {
    const xs = [1, 2, 3, 4, 5, 6];
    const folds = [0, 1, 2, 0, 1, 2];
    // The "model" is the set of training samples; the prediction says whether x was in it.
    const seen = outOfFold(
      xs,
      xs,
      folds,
      (train) => new Set(train),
      (model, x) => model.has(x),
    );
    expect(seen).toEqual([false, false, false, false, false, false]);
  });
});

describe('evaluate', () => {
  it('computes per-label precision and recall and the confusion matrix', () => {
    const e = evaluate(['a', 'b'] as const, ['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(e.perLabel.a).toEqual({ precision: 1, recall: 0.5, support: 2 });
    expect(e.perLabel.b.precision).toBeCloseTo(2 / 3);
    expect(e.matrix.a.b).toBe(1);
    expect(e.accuracy).toBe(0.75);
    expect(e.macroRecall).toBe(0.75);
  });
});
