import { groupFolds, outOfFold } from '../../../src/learn/cross-validation.js';
import type { SparseVector } from '../../../src/learn/sparse.js';
import { predictProba, trainSoftmax, type LinearModel } from '../../../src/learn/softmax-regression.js';
import type { OofRow } from './calibrate.js';
import { featureDims, featurize, type FeatureOptions } from '../../../src/safety/classifier/features.js';
import { SAFETY_LABELS, type SafetyLabel } from '../../../src/safety/classifier/labels.js';

/** One training prompt (seed or generated variant) with its USE-lite vector. */
export interface Example {
  group: string;
  label: SafetyLabel;
  text: string;
  vector: number[];
}

/**
 * L2 penalty and Adam steps: picked on cross-validation (1e-4 vs 1e-3 vs 1e-5; 200 steps is where CV accuracy
 * stops moving). Crisis is weighted ×4 in the detector so that its threshold can sit high while keeping recall.
 */
export const HYPER = { l2: 1e-4, iterations: 200, learningRate: 0.05, crisisWeight: 4 };
/** Cross-validation folds and seed (5 folds: the usual bias/variance compromise). */
export const CV = { folds: 5, seed: 12 };

interface Fitted {
  category: LinearModel;
  crisis: LinearModel;
}

const labelIndex = (l: SafetyLabel) => SAFETY_LABELS.indexOf(l);

export function fitModels(xs: SparseVector[], labels: SafetyLabel[], dims: number): Fitted {
  const ys = labels.map(labelIndex);
  const common = { dims, l2: HYPER.l2, iterations: HYPER.iterations, learningRate: HYPER.learningRate };
  const category = trainSoftmax(xs, ys, { ...common, classes: SAFETY_LABELS.length });
  const crisis = trainSoftmax(
    xs,
    labels.map((l) => (l === 'crisis' ? 1 : 0)),
    { ...common, classes: 2, classWeights: [1, HYPER.crisisWeight] },
  );
  return { category, crisis };
}

export function predictRow(m: Fitted, x: SparseVector): Omit<OofRow, 'gold'> {
  const p = predictProba(m.category, x);
  return {
    probabilities: Object.fromEntries(SAFETY_LABELS.map((l, i) => [l, p[i] as number])) as Record<SafetyLabel, number>,
    crisisProbability: predictProba(m.crisis, x)[1] as number,
  };
}

/** Out-of-fold rows over the training examples (grouped by seed, so no variant of a test seed is trained on). */
export function crossValidate(examples: Example[], features: FeatureOptions): OofRow[] {
  const xs = examples.map((e) => featurize(e.vector, e.text, features));
  const labels = examples.map((e) => e.label);
  const folds = groupFolds(
    labels.map(labelIndex),
    examples.map((e) => e.group),
    CV.folds,
    CV.seed,
  );
  const dims = featureDims(features);
  const rows = outOfFold(xs, labels, folds, (x, y) => fitModels(x, y, dims), predictRow);
  return rows.map((r, i) => ({ ...r, gold: labels[i] as SafetyLabel }));
}
