import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { treeMargin } from '../learn/boosted-trees.js';
import { BoostedTreesJsonSchema, type BoostedTrees } from '../learn/trees-json.js';
import { linearModelFromJson, LinearModelJsonSchema, readWeightsJson } from '../learn/weights-file.js';
import { predictProba, type LinearModel } from '../learn/softmax-regression.js';
import { fromDense } from '../learn/sparse.js';
import { fromProjectRoot } from '../paths.js';
import { answerabilityFeatures, answerabilityNames, type RankedLike } from './answerability.js';
import { FEATURE_NAMES, RANKER_FEATURE_NAMES } from './features.js';
import { intentFeatures } from './intent-features.js';
import type { UnitClassifier } from './intent-model.js';
import { loadIntent, type LoadIntentOptions } from './intent-weights.js';

/** The committed ranker weights, written by `npm run answer:train`. */
export const RANKER_WEIGHTS_FILE = fromProjectRoot('src', 'answer', 'ranker-weights.json');
/** The labelled dev files the ranker is trained on; their hash is stored with the weights. */
export const DEV_FILES = [
  'evals/dev/answers-2026-12-01.yaml',
  'evals/dev/answers-2026-12-01-broad.yaml',
  'evals/dev/answers-2026-12-01-lay.yaml',
  'evals/dev/answers-2026-12-01-followups.yaml',
  'evals/retrieval/questions.yaml',
  'evals/cases/accuracy-for-depression.yaml',
  'evals/cases/accuracy-good-for-depression.yaml',
  'evals/cases/accuracy-side-effects-risks.yaml',
  'evals/cases/accuracy-treatment-resistant.yaml',
  'evals/cases/accuracy-what-is-it.yaml',
  'evals/cases/conversations.yaml',
  'evals/cases/not-covered.yaml',
  'evals/dev/not-covered-2026-12-01.yaml',
  'evals/dev/not-covered-2026-12-02.yaml',
  'evals/dev/answers-2026-12-01-styles.yaml',
  // Not a dev file, but training data of the answerability model: editing it makes the weights stale too.
  'corpus/not-covered.yaml',
] as const;

/** `ranker-weights.json`: a logistic regression over {@link FEATURE_NAMES} plus the CV-chosen no-answer threshold. */
export const RankerWeightsSchema = z.strictObject({
  /** sha256 over the dev files (names + contents) the weights were fitted on. */
  devHash: z.string().length(64),
  features: z.array(z.string()),
  /** Standardisation applied before the model: (x − mean) / std. */
  mean: z.array(z.number()),
  std: z.array(z.number().positive()),
  model: LinearModelJsonSchema,
  /** Listwise weights over the standardised features: the ORDER of candidates (empty: order by probability). */
  order: z.array(z.number()),
  /**
   * Boosted trees over the RAW features whose margin is added to the listwise score (absent: linear order only).
   * `treesOnly`: the trees alone order the candidates.
   */
  trees: BoostedTreesJsonSchema.optional(),
  treesOnly: z.boolean().optional(),
  /** The answerability model over {@link ANSWERABILITY_FEATURES}: is any unit an answer to the question? */
  answerability: z.strictObject({
    features: z.array(z.string()),
    mean: z.array(z.number()),
    std: z.array(z.number().positive()),
    model: LinearModelJsonSchema,
  }),
  /** Answerability probability below which the answer is no_answer (chosen by cross-validation). */
  noAnswerThreshold: z.number().min(0).max(1),
  /** Lowest probability for a second unit from another article (chosen on the dev set). */
  secondUnitThreshold: z.number().min(0).max(1),
  /** Cross-validated dev figures at the chosen threshold (for the README and the report). */
  cv: z.record(z.string(), z.number()),
  trainedAt: z.string(),
});
export type RankerWeights = z.infer<typeof RankerWeightsSchema>;

/** The weights file is missing, invalid, or fitted on other dev data / other features. */
export class RankerWeightsError extends AppError {
  constructor(message: string) {
    super(`${message} Run \`npm run answer:train\`.`, 'ranker_weights_stale', 500);
  }
}

/** sha256 over the dev files (names and contents), read from `root`. */
export async function hashDevFiles(root: string = fromProjectRoot()): Promise<string> {
  const hash = createHash('sha256');
  for (const f of DEV_FILES)
    hash
      .update(`${f}\0`)
      .update(await readFile(`${root}/${f}`))
      .update('\0');
  return hash.digest('hex');
}

/** A loaded ranker: probability that a candidate unit answers the question. */
export class Ranker {
  private readonly answerabilityModel: LinearModel;
  /** The pointwise logit and the listwise score with the standardisation folded in: w/std and a shifted bias. */
  private readonly logit: { w: Float64Array; b: number };
  private readonly order: { w: Float64Array; b: number };
  constructor(
    readonly weights: RankerWeights,
    /** The unit classifier, when the weights read its features (then required). */
    readonly intent?: UnitClassifier,
  ) {
    if (weights.features.length > FEATURE_NAMES.length && !intent)
      throw new RankerWeightsError('Answer ranker weights read the unit classifier, but none was loaded.');
    this.answerabilityModel = linearModelFromJson(weights.answerability.model);
    const { mean, std, model } = weights;
    const fold = (raw: (j: number) => number, bias: number) => {
      const w = Float64Array.from(mean, (_, j) => raw(j) / (std[j] as number));
      return { w, b: mean.reduce((b, m, j) => b - (w[j] as number) * m, bias) };
    };
    const [w0, w1] = model.weights as [number[], number[]];
    this.logit = fold(
      (j) => (w1[j] as number) - (w0[j] as number),
      (model.bias[1] as number) - (model.bias[0] as number),
    );
    this.order = fold((j) => (weights.order[j] as number) ?? 0, 0);
  }

  /** Probability that some candidate answers the question (candidates ranked best first). */
  answerability(ranked: RankedLike[]): number {
    const { mean, std } = this.weights.answerability;
    const x = answerabilityFeatures(ranked, this.weights.features).map(
      (v, i) => (v - (mean[i] as number)) / (std[i] as number),
    );
    return predictProba(this.answerabilityModel, fromDense(x))[1] as number;
  }

  /**
   * The features a candidate gets beyond the unit search's (the unit classifier's, from the query vector: one
   * 99 × 512 product per question), appended in {@link RANKER_FEATURE_NAMES} order; none without a classifier.
   */
  extraFeatures(queryVector: readonly number[]): (unitId: string) => number[] {
    if (!this.intent || this.weights.features.length === FEATURE_NAMES.length) return () => [];
    const post = queryVector.length > 0 ? this.intent.posterior(queryVector) : undefined;
    return (unitId) => intentFeatures(post, unitId);
  }

  /** The pointwise model's probability (a two-class softmax is the sigmoid of the class-score difference). */
  probability(features: number[]): number {
    return 1 / (1 + Math.exp(-dotPlus(this.logit, features)));
  }

  /**
   * Ranking score: listwise (conditional logit) score plus the boosted trees' margin when there are trees, or the
   * probability when neither listwise weights nor trees were fitted.
   */
  score(features: number[]): number {
    const { order, trees, treesOnly } = this.weights;
    const extra = trees ? treeMargin(trees as BoostedTrees, features) : 0;
    if (treesOnly) return extra;
    if (order.length === 0) return trees ? extra : this.probability(features);
    return dotPlus(this.order, features) + extra;
  }
}

function dotPlus(m: { w: Float64Array; b: number }, x: readonly number[]): number {
  let s = m.b;
  for (let j = 0; j < m.w.length; j++) s += (m.w[j] as number) * (x[j] as number);
  return s;
}

/** Options for {@link loadRanker}. */
export interface LoadRankerOptions {
  file?: string;
  /** Dev-set hash to check against; computed from the project's dev files unless given. */
  devHash?: string;
  /** Where the unit classifier is read from (when the weights use it) and the corpus hash it is checked against. */
  intent?: LoadIntentOptions;
}

/**
 * Loads and checks the weights: zod-valid, fitted on today's feature list and on today's dev files. A stale file
 * is an error telling the developer to retrain, never silently used.
 */
export async function loadRanker(options: LoadRankerOptions = {}): Promise<Ranker> {
  const file = options.file ?? RANKER_WEIGHTS_FILE;
  const weights = await readWeightsJson(file, RankerWeightsSchema, (issue) =>
    issue
      ? new RankerWeightsError(`Answer ranker weights ${file} are invalid (${issue.path.join('.')}).`)
      : new RankerWeightsError(`Answer ranker weights ${file} are missing or not JSON.`),
  );
  const withIntent = weights.features.join() === RANKER_FEATURE_NAMES.join();
  const names = withIntent ? RANKER_FEATURE_NAMES : FEATURE_NAMES;
  if (
    weights.features.join() !== names.join() ||
    weights.answerability.features.join() !== answerabilityNames(names).join() ||
    (weights.trees !== undefined && weights.trees.dims !== names.length) ||
    (weights.trees?.trees.some((t) => t.feature.some((f) => f >= names.length)) ?? false)
  )
    throw new RankerWeightsError(`Answer ranker weights ${file} were fitted on other features.`);
  const devHash = options.devHash ?? (await hashDevFiles());
  if (weights.devHash !== devHash)
    throw new RankerWeightsError(
      `Answer ranker weights ${file} are stale: the dev set changed since they were fitted.`,
    );
  return new Ranker(weights, withIntent ? await loadIntent(options.intent) : undefined);
}
