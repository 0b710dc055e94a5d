import { adamState, adamStep, type AdamState, type LinearParams } from './adam.js';
import { forward, type Mlp } from './mlp.js';
import { seededRandom, shuffled } from './random.js';
import type { SparseVector } from './sparse.js';

/** Options for {@link trainMlp}. */
export interface MlpOptions {
  classes: number;
  dims: number;
  deepDims: number;
  hidden: number;
  wide: boolean;
  /** L2 penalty on every weight matrix (not the biases), per sample. */
  l2: number;
  /** Share of hidden units dropped per training sample (inverted dropout: nothing changes at inference). */
  dropout: number;
  learningRate: number;
  batch: number;
  maxEpochs: number;
  /** Early stopping: epochs without a better validation loss before training stops (the best epoch is kept). */
  patience: number;
  /** Seeds the initial weights, the shuffle and the dropout masks: same data, same model, bit for bit. */
  seed: number;
  /** Per-class weight in the loss (1 each unless given). */
  classWeights?: number[];
  /** Held-out samples for early stopping; without them all `maxEpochs` are run. */
  validation?: { xs: SparseVector[]; ys: number[] };
}

const copy = (m: Mlp): Mlp => ({
  ...m,
  w1: m.w1.slice(),
  b1: m.b1.slice(),
  w2: m.w2.slice(),
  b2: m.b2.slice(),
  wide: m.wide.slice(),
});

function weightedLoss(m: Mlp, xs: SparseVector[], ys: number[], cw: number[]): number {
  const h = new Float64Array(m.hidden);
  const p = new Float64Array(m.classes);
  let s = 0;
  xs.forEach((x, i) => {
    const y = ys[i] as number;
    s -= (cw[y] as number) * Math.log(Math.max(1e-12, forward(m, x, h, p)[y] as number));
  });
  return s / xs.length;
}

interface Layer {
  params: LinearParams;
  gw: Float64Array;
  gb: Float64Array;
  adam: AdamState;
}

/** Fits an {@link Mlp} (src/learn/mlp.ts) by mini-batch Adam, with dropout, L2 and early stopping on `validation`. Deterministic. */
export function trainMlp(xs: SparseVector[], ys: number[], o: MlpOptions): Mlp {
  if (xs.length !== ys.length || xs.length === 0) throw new Error('trainMlp: one label per sample');
  const { classes: K, hidden: H, deepDims: D } = o;
  const random = seededRandom(o.seed);
  // Inputs are L2-normalised blocks, so ±0.5 starts pre-activations at a few tenths: in ReLU's active range. W2 is
  // Glorot-uniform; the wide part starts at zero like the linear model.
  const uniform = (n: number, a: number) => Float64Array.from({ length: n }, () => (2 * random() - 1) * a);
  const m: Mlp = {
    classes: K,
    dims: o.dims,
    deepDims: D,
    hidden: H,
    w1: uniform(D * H, 0.5),
    b1: new Float64Array(H),
    w2: uniform(H * K, Math.sqrt(6 / (H + K))),
    b2: new Float64Array(K),
    wide: new Float64Array(o.wide ? o.dims * K : 0),
  };
  const layer = (weights: Float64Array, bias: Float64Array): Layer => ({
    params: { weights, bias },
    gw: new Float64Array(weights.length),
    gb: new Float64Array(bias.length),
    adam: adamState(weights.length, bias.length),
  });
  const layers = [layer(m.w1, m.b1), layer(m.w2, m.b2), layer(m.wide, new Float64Array(0))] as const;
  const [{ gw: gw1, gb: gb1 }, { gw: gw2, gb: gb2 }, { gw: gwide }] = layers;
  const cw = o.classWeights ?? new Array<number>(K).fill(1);
  const meanWeight = ys.reduce((s, y) => s + (cw[y] as number), 0) / ys.length;
  const h = new Float64Array(H);
  const p = new Float64Array(K);
  const g = new Float64Array(K);
  const keep = new Float64Array(H);
  let best = { loss: Infinity, model: m, epoch: 0 };
  let t = 0;
  for (let epoch = 0; epoch < o.maxEpochs && epoch - best.epoch <= o.patience; epoch++) {
    const perm = shuffled(
      xs.map((_, i) => i),
      random,
    );
    for (let start = 0; start < perm.length; start += o.batch) {
      const ids = perm.slice(start, start + o.batch);
      for (const l of layers) {
        l.gw.fill(0);
        l.gb.fill(0);
      }
      for (const i of ids) {
        const x = xs[i] as SparseVector;
        const y = ys[i] as number;
        for (let k = 0; k < H; k++) keep[k] = random() < o.dropout ? 0 : 1 / (1 - o.dropout);
        forward(m, x, h, p, keep);
        const w = (cw[y] as number) / meanWeight / ids.length;
        for (let c = 0; c < K; c++) g[c] = w * ((p[c] as number) - (c === y ? 1 : 0));
        for (let c = 0; c < K; c++) gb2[c] = (gb2[c] as number) + (g[c] as number);
        for (let k = 0; k < H; k++) {
          const a = h[k] as number;
          if (a === 0) continue; // inactive or dropped: no gradient through this unit
          let dh = 0;
          for (let c = 0, b = k * K; c < K; c++) {
            gw2[b + c] = (gw2[b + c] as number) + a * (g[c] as number);
            dh += (m.w2[b + c] as number) * (g[c] as number);
          }
          h[k] = dh * (keep[k] as number); // reused as the pre-activation gradient
        }
        for (let k = 0; k < H; k++) gb1[k] = (gb1[k] as number) + (h[k] as number);
        for (let e = 0; e < x.indices.length; e++) {
          const j = x.indices[e] as number;
          const v = x.values[e] as number;
          if (j < D) for (let k = 0, b = j * H; k < H; k++) gw1[b + k] = (gw1[b + k] as number) + v * (h[k] as number);
          if (gwide.length)
            for (let c = 0, b = j * K; c < K; c++) gwide[b + c] = (gwide[b + c] as number) + v * (g[c] as number);
        }
      }
      t++;
      for (const l of layers) adamStep(l.params, l.gw, l.gb, l.adam, t, o);
    }
    if (!o.validation) continue;
    const loss = weightedLoss(m, o.validation.xs, o.validation.ys, cw);
    if (loss < best.loss) best = { loss, model: copy(m), epoch };
  }
  return o.validation ? best.model : m;
}
