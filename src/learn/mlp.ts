import type { SparseVector } from './sparse.js';

/**
 * A one-hidden-layer network over sparse vectors, "wide & deep": a ReLU layer over the features below `deepDims`
 * (the dense embedding when it comes first; all of them when `deepDims = dims`), plus, when `wide`, a linear term
 * over every feature (the hashed n-grams learn per-word evidence there without the hidden layer).
 * logits = b2 + W2ᵀ·relu(W1ᵀ·x[<deepDims] + b1) + Wwideᵀ·x. All matrices feature-major, like LinearModel.
 */
export interface Mlp {
  classes: number;
  dims: number;
  deepDims: number;
  hidden: number;
  w1: Float64Array;
  b1: Float64Array;
  w2: Float64Array;
  b2: Float64Array;
  /** dims × classes, or empty without a wide part. */
  wide: Float64Array;
}

/** Forward pass into reused buffers: `h` gets the (masked) hidden activations, `out` the class probabilities. */
export function forward(
  m: Mlp,
  x: SparseVector,
  h: Float64Array,
  out: Float64Array,
  keep?: Float64Array,
): Float64Array {
  const { hidden: H, classes: K, w1, w2, wide } = m;
  h.set(m.b1);
  out.set(m.b2);
  for (let e = 0; e < x.indices.length; e++) {
    const j = x.indices[e] as number;
    const v = x.values[e] as number;
    if (j < m.deepDims) for (let k = 0, b = j * H; k < H; k++) h[k] = (h[k] as number) + (w1[b + k] as number) * v;
    if (wide.length) for (let c = 0, b = j * K; c < K; c++) out[c] = (out[c] as number) + (wide[b + c] as number) * v;
  }
  for (let k = 0; k < H; k++) {
    const a = Math.max(0, h[k] as number) * (keep ? (keep[k] as number) : 1);
    h[k] = a;
    if (a !== 0) for (let c = 0, b = k * K; c < K; c++) out[c] = (out[c] as number) + (w2[b + c] as number) * a;
  }
  let max = -Infinity;
  for (let c = 0; c < K; c++) max = Math.max(max, out[c] as number);
  let sum = 0;
  for (let c = 0; c < K; c++) sum += out[c] = Math.exp((out[c] as number) - max);
  for (let c = 0; c < K; c++) out[c] = (out[c] as number) / sum;
  return out;
}

/** Class probabilities of `x`. */
export function mlpProba(m: Mlp, x: SparseVector): number[] {
  return Array.from(forward(m, x, new Float64Array(m.hidden), new Float64Array(m.classes)));
}
