import { seededRandom, shuffled } from './random.js';

/**
 * Group-stratified k-fold assignment: every sample of one group (e.g. a seed prompt and all its generated variants)
 * lands in the same fold, so a fold never tests on a near-copy of what it trained on; groups are dealt round-robin
 * per label after a seeded shuffle, so each fold gets a similar label mix.
 * @returns fold index (0 … k-1) per sample.
 */
export function groupFolds(labels: readonly number[], groups: readonly string[], k: number, seed: number): number[] {
  if (k < 2) throw new Error('groupFolds: k must be at least 2');
  const labelOfGroup = new Map<string, number>();
  labels.forEach((l, i) => {
    if (!labelOfGroup.has(groups[i] as string)) labelOfGroup.set(groups[i] as string, l);
  });
  const foldOfGroup = new Map<string, number>();
  const random = seededRandom(seed);
  const byLabel = new Map<number, string[]>();
  for (const [g, l] of labelOfGroup) byLabel.set(l, [...(byLabel.get(l) ?? []), g]);
  let next = 0;
  for (const label of [...byLabel.keys()].sort((a, b) => a - b)) {
    for (const g of shuffled(byLabel.get(label) ?? [], random)) foldOfGroup.set(g, next++ % k);
  }
  return groups.map((g) => foldOfGroup.get(g) as number);
}

/**
 * Out-of-fold predictions: for each fold, `fit` on the other folds and `predict` the held-out samples.
 * @returns one prediction per sample, each made by a model that never saw it (nor its group).
 */
export function outOfFold<X, Y, M, P>(
  xs: readonly X[],
  ys: readonly Y[],
  folds: readonly number[],
  fit: (xs: X[], ys: Y[]) => M,
  predict: (model: M, x: X) => P,
): P[] {
  const k = Math.max(...folds) + 1;
  const out = new Array<P>(xs.length);
  for (let f = 0; f < k; f++) {
    const train = folds.flatMap((fold, i) => (fold === f ? [] : [i]));
    const model = fit(
      train.map((i) => xs[i] as X),
      train.map((i) => ys[i] as Y),
    );
    folds.forEach((fold, i) => {
      if (fold === f) out[i] = predict(model, xs[i] as X);
    });
  }
  return out;
}
