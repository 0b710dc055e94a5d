/** Adam's usual constants (Kingma & Ba 2015). */
const B1 = 0.9;
const B2 = 0.999;
const EPS = 1e-8;

/** A linear model's parameters: weights (any layout) and one bias per class. */
export interface LinearParams {
  weights: Float64Array;
  bias: Float64Array;
}

/** Adam's moment estimates, one entry per weight then per bias. */
export interface AdamState {
  m: Float64Array;
  v: Float64Array;
}

/** Fresh (zero) moments for a model with `size` weights and `classes` biases. */
export function adamState(size: number, classes: number): AdamState {
  return { m: new Float64Array(size + classes), v: new Float64Array(size + classes) };
}

/**
 * One Adam step (step number `t`, from 1) on every weight and bias, in place: the weights' gradient gets the L2 term
 * `l2 · w`, the biases' does not. Shared by the sparse and the dense softmax trainers.
 */
export function adamStep(
  model: LinearParams,
  gradWeights: ArrayLike<number>,
  gradBias: ArrayLike<number>,
  state: AdamState,
  t: number,
  options: { learningRate: number; l2: number },
): void {
  const { learningRate: lr, l2 } = options;
  const { m, v } = state;
  const size = model.weights.length;
  const c1 = 1 - B1 ** t;
  const c2 = 1 - B2 ** t;
  for (let j = 0; j < size + model.bias.length; j++) {
    const isBias = j >= size;
    const g = isBias ? (gradBias[j - size] as number) : (gradWeights[j] as number) + l2 * (model.weights[j] as number);
    const mj = B1 * (m[j] as number) + (1 - B1) * g;
    const vj = B2 * (v[j] as number) + (1 - B2) * g * g;
    m[j] = mj;
    v[j] = vj;
    const step = (lr * (mj / c1)) / (Math.sqrt(vj / c2) + EPS);
    if (isBias) model.bias[j - size] = (model.bias[j - size] as number) - step;
    else model.weights[j] = (model.weights[j] as number) - step;
  }
}
