/** A feature vector as parallel index / value arrays: dense embeddings and hashed n-grams share one format. */
export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

/** Builds a sparse vector from a dense one (every entry kept, zeros included: dense parts stay cheap to concat). */
export function fromDense(dense: ArrayLike<number>, offset = 0): SparseVector {
  const indices = new Uint32Array(dense.length);
  const values = new Float32Array(dense.length);
  for (let i = 0; i < dense.length; i++) {
    indices[i] = offset + i;
    values[i] = dense[i] as number;
  }
  return { indices, values };
}

/** Concatenates vectors whose index ranges do not overlap. */
export function concat(...parts: SparseVector[]): SparseVector {
  const n = parts.reduce((s, p) => s + p.indices.length, 0);
  const indices = new Uint32Array(n);
  const values = new Float32Array(n);
  let at = 0;
  for (const p of parts) {
    indices.set(p.indices, at);
    values.set(p.values, at);
    at += p.indices.length;
  }
  return { indices, values };
}
