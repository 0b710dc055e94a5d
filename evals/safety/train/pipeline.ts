import { groupFolds, outOfFold } from '../../../src/learn/cross-validation.js';
import { trainMlp } from '../../../src/learn/mlp-train.js';
import type { SparseVector } from '../../../src/learn/sparse.js';
import { trainSoftmax } from '../../../src/learn/softmax-regression.js';
import type { OofRow } from './calibrate.js';
import { featureDims, featurize, USE_DIMS, type FeatureOptions } from '../../../src/safety/classifier/features.js';
import { SAFETY_LABELS, type SafetyLabel } from '../../../src/safety/classifier/labels.js';
import { probaOf, type ProbaModel } from '../../../src/safety/classifier/model.js';

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

/**
 * Which model: `linear` (softmax regression over all features), `wide` (ReLU layer over the USE vector + linear
 * n-grams), `mlp` (ReLU layer over every feature).
 */
export interface ModelChoice {
  kind: 'linear' | 'wide' | 'mlp';
  hidden: number;
  dropout: number;
  l2: number;
}
/**
 * Linear stays the shipped model: on the dev sets (fit on all training data, same thresholds 0.59 / crisis 0.55) the
 * wide & deep MLP (64 ReLU units, dropout 0.2) got dosing / medical / illegal 79.0 / 80.1 / 79.3 % at 4.6 %
 * over-refusal and 16.3 % off-topic answered, the linear model 68.9 / 80.1 / 76.2 % at 1.8 % and 18.5 %; along the
 * decision-threshold curve the linear model reaches the MLP's recall (85 / 84 / 84 % at 0.3) at 3.7 % over-refusal
 * where the MLP needs 5.5 %, so the MLP learns the templated variants, not the wording. Dense only (no n-grams):
 * 49.7 / 63.3 / 59.1 %, 5.8 % over-refusal.
 */
export const DEFAULT_MODEL: ModelChoice = { kind: 'linear', hidden: 64, dropout: 0.2, l2: 1e-5 };
/**
 * MLP training: Adam 3e-3 in batches of 32, at most 30 epochs, stopped after 3 without a better loss on the inner
 * validation split (one group-fold in 10), fixed seed.
 */
const MLP = { learningRate: 3e-3, batch: 32, maxEpochs: 30, patience: 3, innerFolds: 10, seed: 7 };

interface Fitted {
  category: ProbaModel;
  crisis: ProbaModel;
}

const labelIndex = (l: SafetyLabel) => SAFETY_LABELS.indexOf(l);

/** Fits both models on `examples` (their featurised `xs` given alongside). */
export function fitModels(xs: SparseVector[], ex: Example[], dims: number, choice: ModelChoice): Fitted {
  const ys = ex.map((e) => labelIndex(e.label));
  const crisisYs = ex.map((e) => (e.label === 'crisis' ? 1 : 0));
  const crisisWeights = [1, HYPER.crisisWeight];
  if (choice.kind === 'linear') {
    const common = { dims, l2: HYPER.l2, iterations: HYPER.iterations, learningRate: HYPER.learningRate };
    return {
      category: trainSoftmax(xs, ys, { ...common, classes: SAFETY_LABELS.length }),
      crisis: trainSoftmax(xs, crisisYs, { ...common, classes: 2, classWeights: crisisWeights }),
    };
  }
  const inner = groupFolds(
    ys,
    ex.map((e) => e.group),
    MLP.innerFolds,
    MLP.seed,
  );
  const split = (labels: number[]) => {
    const fit = { xs: [] as SparseVector[], ys: [] as number[] };
    const validation = { xs: [] as SparseVector[], ys: [] as number[] };
    inner.forEach((f, i) => {
      const to = f === 0 ? validation : fit;
      to.xs.push(xs[i] as SparseVector);
      to.ys.push(labels[i] as number);
    });
    return { fit, validation };
  };
  const train = (labels: number[], classes: number, classWeights?: number[]) => {
    const { fit, validation } = split(labels);
    return trainMlp(fit.xs, fit.ys, {
      ...MLP,
      classes,
      dims,
      deepDims: choice.kind === 'wide' ? USE_DIMS : dims,
      hidden: choice.hidden,
      wide: choice.kind === 'wide',
      l2: choice.l2,
      dropout: choice.dropout,
      validation,
      ...(classWeights ? { classWeights } : {}),
    });
  };
  return { category: train(ys, SAFETY_LABELS.length), crisis: train(crisisYs, 2, crisisWeights) };
}

export function predictRow(m: Fitted, x: SparseVector): Omit<OofRow, 'gold'> {
  const p = probaOf(m.category, x);
  return {
    probabilities: Object.fromEntries(SAFETY_LABELS.map((l, i) => [l, p[i] as number])) as Record<SafetyLabel, number>,
    crisisProbability: probaOf(m.crisis, x)[1] as number,
  };
}

/** Out-of-fold rows over the training examples (grouped by seed, so no variant of a test seed is trained on). */
export function crossValidate(examples: Example[], features: FeatureOptions, choice: ModelChoice): OofRow[] {
  const xs = examples.map((e) => featurize(e.vector, e.text, features));
  const folds = groupFolds(
    examples.map((e) => labelIndex(e.label)),
    examples.map((e) => e.group),
    CV.folds,
    CV.seed,
  );
  const dims = featureDims(features);
  const ids = examples.map((_, i) => i);
  const rows = outOfFold(
    ids,
    ids,
    folds,
    (train) =>
      fitModels(
        train.map((i) => xs[i] as SparseVector),
        train.map((i) => examples[i] as Example),
        dims,
        choice,
      ),
    (m, i) => predictRow(m, xs[i] as SparseVector),
  );
  return rows.map((r, i) => ({ ...r, gold: examples[i]?.label as SafetyLabel }));
}
