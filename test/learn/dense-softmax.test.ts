import { describe, expect, it } from 'vitest';
import { denseProba, trainDenseSoftmax } from '../../src/learn/dense-softmax.js';
import { seededRandom } from '../../src/learn/random.js';

/** `classes` Gaussian blobs in 8-d around one-hot centres (distance √2 apart, noise ±0.25 per dimension). */
function blobs(n: number, classes: number, seed: number) {
  const random = seededRandom(seed);
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = i % classes;
    xs.push(Array.from({ length: 8 }, (_, j) => (j === y ? 1 : 0) + (random() - 0.5) / 2));
    ys.push(y);
  }
  return { xs, ys };
}

const options = { classes: 5, l2: 1e-4, epochs: 20, batch: 8, learningRate: 0.05, seed: 1 };

describe('trainDenseSoftmax', () => {
  it('learns many classes from dense vectors and generalises to new samples', () => {
    const { xs, ys } = blobs(100, 5, 1);
    const model = trainDenseSoftmax(xs, ys, options);
    const test = blobs(50, 5, 2);
    const predicted = test.xs.map((x) => {
      const p = denseProba(model, x);
      return p.indexOf(Math.max(...p));
    });
    expect(predicted).toEqual(test.ys);
  });

  it('is deterministic (seeded shuffle), and its probabilities sum to one', () => {
    const { xs, ys } = blobs(40, 5, 3);
    const a = trainDenseSoftmax(xs, ys, options);
    const b = trainDenseSoftmax(xs, ys, options);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    const p = denseProba(a, xs[0] as number[]);
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it('rejects labels that do not match the samples', () => {
    expect(() => trainDenseSoftmax([[1, 0]], [0, 1], options)).toThrow(/one label per sample/);
  });
});
