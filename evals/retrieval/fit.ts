import { predictProba, trainSoftmax, type LinearModel } from '../../src/learn/softmax-regression.js';
import { fromDense } from '../../src/learn/sparse.js';
import { UnitClassifier } from '../../src/answer/unit-classifier.js';
import type { BankQuestion } from '../../src/corpus/question-bank.js';

/** A fitted ranker: the model and the standardisation it was fitted with. */
export interface FittedRanker {
  model: LinearModel;
  mean: number[];
  std: number[];
  probability(features: number[]): number;
}

/**
 * L2 per sample: 1e-3 keeps the 20 weights from chasing a handful of dev questions (1e-4 and 1e-2 gave the same
 * cross-validated right-unit rate within 0.3 points; 1e-3 the best no-answer precision).
 */
const L2 = 1e-3;
/** Full-batch Adam steps; 400 brings the loss change under 1e-4 on ~30,000 candidates. */
const ITERATIONS = 400;

/**
 * The answerability model: the same standardised two-class logistic regression over query-level rows, with the
 * classes weighted to equal total weight (answerable questions outnumber not-covered ones about 5 : 1).
 */
export function fitAnswerability(rows: number[][], labels: number[]): FittedRanker {
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.length - pos;
  return fitRanker(
    rows.map((x, i) => ({ x, y: labels[i] as number })),
    [labels.length / (2 * Math.max(1, neg)), labels.length / (2 * Math.max(1, pos))],
  );
}

/** Standardises the features and fits a two-class logistic regression (softmax over {other, answers}). */
export function fitRanker(samples: { x: number[]; y: number }[], classWeights?: number[]): FittedRanker {
  const dims = samples[0]?.x.length ?? 0;
  const mean = new Array<number>(dims).fill(0);
  const std = new Array<number>(dims).fill(0);
  for (const s of samples) {
    s.x.forEach((v, i) => {
      mean[i] = (mean[i] as number) + v / samples.length;
    });
  }
  for (const s of samples) {
    s.x.forEach((v, i) => {
      std[i] = (std[i] as number) + (v - (mean[i] as number)) ** 2 / samples.length;
    });
  }
  // A constant feature (e.g. no follow-ups in a fold) gets std 1, so it standardises to 0 instead of NaN.
  const sd = std.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1));
  const scale = (x: number[]) => fromDense(x.map((v, i) => (v - (mean[i] as number)) / (sd[i] as number)));
  const model = trainSoftmax(
    samples.map((s) => scale(s.x)),
    samples.map((s) => s.y),
    { classes: 2, dims, l2: L2, iterations: ITERATIONS, classWeights },
  );
  return { model, mean, std: sd, probability: (x) => predictProba(model, scale(x))[1] as number };
}

/** A query's candidates for listwise fitting: feature rows and which are right. */
export interface QueryGroup {
  x: number[][];
  right: boolean[];
}

/**
 * Listwise ranker (conditional logit): one weight vector w; P(unit i | query) = softmax_i(w · x_i) over the query's
 * candidates; loss = −log Σ_{right} P(i) + l2/2 ‖w‖², averaged over queries with a right candidate. Full-batch Adam
 * from zero, like trainSoftmax, so it is deterministic. Uses `scale` (the pointwise model's standardisation).
 */
export function fitListwise(groups: QueryGroup[], mean: number[], std: number[], iterations = ITERATIONS): number[] {
  const dims = mean.length;
  const data = groups
    .filter((g) => g.right.some(Boolean))
    .map((g) => ({
      x: g.x.map((row) => row.map((v, i) => (v - (mean[i] as number)) / (std[i] as number))),
      right: g.right,
    }));
  const w = new Array<number>(dims).fill(0);
  const m = new Array<number>(dims).fill(0);
  const v = new Array<number>(dims).fill(0);
  const lr = 0.05;
  // Typed rows and reused buffers: the same arithmetic in the same order as map / reduce, without allocations.
  const rows = data.map((g) => ({ x: g.x.map((row) => Float64Array.from(row)), right: g.right }));
  const e = new Float64Array(Math.max(1, ...data.map((g) => g.x.length)));
  const grad = new Array<number>(dims).fill(0);
  for (let t = 1; t <= iterations; t++) {
    for (let j = 0; j < dims; j++) grad[j] = L2 * (w[j] as number);
    for (const g of rows) {
      const n = g.x.length;
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        const row = g.x[i] as Float64Array;
        let s = 0;
        for (let j = 0; j < dims; j++) s = s + (row[j] as number) * (w[j] as number);
        e[i] = s;
        max = Math.max(max, s);
      }
      let z = 0;
      let zr = 0;
      for (let i = 0; i < n; i++) {
        e[i] = Math.exp((e[i] as number) - max);
        z = z + (e[i] as number);
      }
      for (let i = 0; i < n; i++) zr = zr + (g.right[i] ? (e[i] as number) : 0);
      // d/dw of −log(zr/z) = Σ p_i x_i − Σ_{right} q_i x_i, with q the softmax restricted to the right ones.
      for (let i = 0; i < n; i++) {
        const coef = ((e[i] as number) / z - (g.right[i] ? (e[i] as number) / zr : 0)) / data.length;
        const row = g.x[i] as Float64Array;
        for (let j = 0; j < dims; j++) grad[j] = (grad[j] as number) + coef * (row[j] as number);
      }
    }
    for (let j = 0; j < dims; j++) {
      const gj = grad[j] as number;
      m[j] = 0.9 * (m[j] as number) + 0.1 * gj;
      v[j] = 0.999 * (v[j] as number) + 0.001 * gj * gj;
      w[j] =
        (w[j] as number) -
        (lr * ((m[j] as number) / (1 - 0.9 ** t))) / (Math.sqrt((v[j] as number) / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  return w;
}

/** The unit classifiers of training: one on the whole bank, and one per bank fold for that fold's own questions. */
export interface BankClassifiers {
  full: UnitClassifier;
  /** The classifier that never saw bank question `i` (nor the rest of its fold). */
  forBankQuestion(i: number): UnitClassifier;
}

/** Folds of the bank for out-of-fold classifier scores: every unit's questions dealt round-robin over 5 folds. */
const BANK_FOLDS = 5;

/**
 * Fits the unit classifier on the bank questions' stored vectors (heading questions included). A bank question used
 * as a ranker training query must not score itself, or the ranker would learn to trust the classifier far more than
 * it deserves on a visitor's unseen question: each gets the scores of a classifier fitted without its fold. Dev
 * queries are unseen by any bank-only classifier, so they get the full one, like a live turn.
 */
export function fitBankClassifiers(
  bank: readonly BankQuestion[],
  vectors: Map<string, number[]>,
  units: readonly string[],
): BankClassifiers {
  const seen = new Map<string, number>();
  const fold = bank.map((q) => {
    const n = seen.get(q.unitId) ?? 0;
    seen.set(q.unitId, n + 1);
    return n % BANK_FOLDS;
  });
  const rows = bank.map((q, i) => ({ i, unitId: q.unitId, v: vectors.get(q.text) })).filter((r) => r.v);
  const fit = (keep: (i: number) => boolean) => {
    const kept = rows.filter((r) => keep(r.i));
    return UnitClassifier.fit(
      kept.map((r) => r.v as number[]),
      kept.map((r) => r.unitId),
      units,
    );
  };
  const full = fit(() => true);
  const perFold = Array.from({ length: BANK_FOLDS }, (_, f) => fit((i) => fold[i] !== f));
  return { full, forBankQuestion: (i) => perFold[fold[i] as number] as UnitClassifier };
}
