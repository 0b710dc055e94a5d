import { adamState, adamStep } from './adam.js';
import { seededRandom, shuffled } from './random.js';

/**
 * A multinomial logistic regression over dense vectors with many classes (one per answer unit): weights class-major
 * (`weights[c * dims + j]`), so scoring one vector is `classes` contiguous dot products — about 50,000 multiply-adds
 * for 100 units × 512 USE-lite dimensions, a few tens of microseconds.
 */
export interface DenseSoftmax {
  classes: number;
  dims: number;
  weights: Float64Array;
  bias: Float64Array;
}

/** Options for {@link trainDenseSoftmax}. */
export interface DenseSoftmaxOptions {
  classes: number;
  /** L2 penalty on the weights (not the biases), per sample: loss = mean CE + l2/2 · ‖W‖². */
  l2: number;
  /** Passes over the data. */
  epochs: number;
  /** Samples per Adam step. */
  batch: number;
  /** Adam step size. */
  learningRate: number;
  /** Seed of the (deterministic) per-epoch shuffle. */
  seed: number;
  /** Per-sample weight in the loss (1 for every sample unless given). */
  sampleWeights?: readonly number[];
}

/** Class scores (logits) of `x`, written into `out`. */
export function denseScores(model: DenseSoftmax, x: ArrayLike<number>, out = new Float64Array(model.classes)) {
  const { dims, weights, bias } = model;
  for (let c = 0; c < model.classes; c++) {
    let s = bias[c] as number;
    const base = c * dims;
    for (let j = 0; j < dims; j++) s += (weights[base + j] as number) * (x[j] as number);
    out[c] = s;
  }
  return out;
}

/** Class probabilities of `x` (softmax of the scores). */
export function denseProba(model: DenseSoftmax, x: ArrayLike<number>): Float64Array {
  const s = denseScores(model, x);
  let max = -Infinity;
  for (const v of s) max = Math.max(max, v);
  let z = 0;
  for (let c = 0; c < s.length; c++) {
    s[c] = Math.exp((s[c] as number) - max);
    z += s[c] as number;
  }
  for (let c = 0; c < s.length; c++) s[c] = (s[c] as number) / z;
  return s;
}

/**
 * Fits the model by mini-batch Adam from zero weights. Full-batch steps (as in trainSoftmax) would need hundreds of
 * passes over ~800 × 512 × 100; mini-batches converge in tens. Deterministic: the shuffle is seeded, so the same data
 * in the same order gives the same model, bit for bit.
 */
export function trainDenseSoftmax(
  xs: readonly ArrayLike<number>[],
  ys: readonly number[],
  options: DenseSoftmaxOptions,
): DenseSoftmax {
  const { classes, l2, epochs, batch, learningRate: lr } = options;
  const dims = xs[0]?.length ?? 0;
  if (xs.length !== ys.length || xs.length === 0) throw new Error('trainDenseSoftmax: one label per sample');
  const model: DenseSoftmax = {
    classes,
    dims,
    weights: new Float64Array(classes * dims),
    bias: new Float64Array(classes),
  };
  const size = classes * dims;
  const grad = new Float64Array(size + classes);
  const adam = adamState(size, classes);
  const sw = options.sampleWeights ?? xs.map(() => 1);
  const meanWeight = sw.reduce((a, b) => a + b, 0) / sw.length;
  const random = seededRandom(options.seed);
  const order = xs.map((_, i) => i);
  const gradWeights = grad.subarray(0, size);
  const gradBias = grad.subarray(size);
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const perm = shuffled(order, random);
    for (let start = 0; start < perm.length; start += batch) {
      const ids = perm.slice(start, start + batch);
      grad.fill(0);
      for (const i of ids) {
        const x = xs[i] as ArrayLike<number>;
        const p = denseProba(model, x);
        const w = (sw[i] as number) / meanWeight / ids.length;
        for (let c = 0; c < classes; c++) {
          const g = w * ((p[c] as number) - (c === ys[i] ? 1 : 0));
          if (g === 0) continue;
          grad[size + c] = (grad[size + c] as number) + g;
          const base = c * dims;
          for (let j = 0; j < dims; j++) grad[base + j] = (grad[base + j] as number) + g * (x[j] as number);
        }
      }
      t++;
      adamStep(model, gradWeights, gradBias, adam, t, { learningRate: lr, l2 });
    }
  }
  return model;
}
