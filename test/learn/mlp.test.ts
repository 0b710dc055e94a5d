import { describe, expect, it } from 'vitest';
import { mlpFromJson, MlpJsonSchema, mlpToJson } from '../../src/learn/mlp-file.js';
import { mlpProba } from '../../src/learn/mlp.js';
import { trainMlp, type MlpOptions } from '../../src/learn/mlp-train.js';
import { seededRandom } from '../../src/learn/random.js';
import { fromDense } from '../../src/learn/sparse.js';

/** XOR of the signs of two coordinates (noise ±0.2): no linear model gets more than 3 of the 4 quadrants right. */
function xor(n: number, seed: number) {
  const random = seededRandom(seed);
  const xs = [];
  const ys = [];
  for (let i = 0; i < n; i++) {
    const a = i % 2;
    const b = Math.floor(i / 2) % 2;
    xs.push(fromDense([(a ? 1 : -1) + (random() - 0.5) * 0.4, (b ? 1 : -1) + (random() - 0.5) * 0.4, 1]));
    ys.push(a ^ b);
  }
  return { xs, ys };
}

const options: MlpOptions = {
  classes: 2,
  dims: 3,
  deepDims: 3,
  hidden: 8,
  wide: false,
  l2: 1e-5,
  dropout: 0,
  learningRate: 0.02,
  batch: 8,
  maxEpochs: 200,
  patience: 200,
  seed: 3,
};
const argmax = (p: number[]) => p.indexOf(Math.max(...p));

describe('trainMlp', () => {
  it('solves XOR (which a linear model cannot) and generalises to new samples', () => {
    const { xs, ys } = xor(80, 1);
    const model = trainMlp(xs, ys, options);
    const test = xor(40, 2);
    expect(test.xs.map((x) => argmax(mlpProba(model, x)))).toEqual(test.ys);
  });

  it('with a wide part and dropout, still solves it; early stopping keeps the best validation epoch', () => {
    const { xs, ys } = xor(80, 4);
    const validation = xor(20, 5);
    const model = trainMlp(xs, ys, { ...options, wide: true, dropout: 0.1, patience: 10, validation });
    const test = xor(40, 6);
    expect(test.xs.map((x) => argmax(mlpProba(model, x)))).toEqual(test.ys);
  });

  it('is deterministic: same data and seed, same weights bit for bit; another seed, other weights', () => {
    const { xs, ys } = xor(40, 7);
    const short = { ...options, maxEpochs: 5, dropout: 0.2 };
    const a = trainMlp(xs, ys, short);
    const b = trainMlp(xs, ys, short);
    expect(Array.from(a.w1)).toEqual(Array.from(b.w1));
    expect(Array.from(a.w2)).toEqual(Array.from(b.w2));
    expect(Array.from(trainMlp(xs, ys, { ...short, seed: 4 }).w1)).not.toEqual(Array.from(a.w1));
    const p = mlpProba(a, xs[0] as never);
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it('rejects labels that do not match the samples', () => {
    expect(() => trainMlp([fromDense([1, 0, 0])], [0, 1], options)).toThrow(/one label per sample/);
  });
});

describe('MLP weights JSON', () => {
  const { xs, ys } = xor(40, 8);
  const model = trainMlp(xs, ys, { ...options, maxEpochs: 20, wide: true });
  const json = mlpToJson(model, ['even', 'odd']);

  it('round-trips through JSON with the same predictions (to the digits kept)', () => {
    const back = mlpFromJson(MlpJsonSchema.parse(JSON.parse(JSON.stringify(json))));
    for (const x of xs) expect(mlpProba(back, x)[1]).toBeCloseTo(mlpProba(model, x)[1] as number, 3);
  });

  it('rejects a file whose matrices do not match their declared sizes', () => {
    expect(MlpJsonSchema.safeParse({ ...json, w1: json.w1.slice(1) }).success).toBe(false);
    expect(MlpJsonSchema.safeParse({ ...json, w2: [...json.w2, 0] }).success).toBe(false);
    expect(MlpJsonSchema.safeParse({ ...json, wide: [1] }).success).toBe(false);
    expect(MlpJsonSchema.safeParse({ ...json, deepDims: json.dims + 1 }).success).toBe(false);
  });
});
