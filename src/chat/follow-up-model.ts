import { z } from 'zod';
import { predictProba } from '../learn/softmax-regression.js';
import { fromDense } from '../learn/sparse.js';
import { LinearModelJsonSchema, linearModelFromJson } from '../learn/weights-file.js';
import { ELLIPSIS_FEATURES } from './follow-up-features.js';
import weightsJson from './follow-up-weights.json' with { type: 'json' };

/** `follow-up-weights.json`: a standardised two-class logistic regression over {@link ELLIPSIS_FEATURES}. */
export const FollowUpWeightsSchema = z.strictObject({
  /** The feature names the model was fitted on (a mismatch fails at load: the weights are stale). */
  features: z.array(z.string()),
  mean: z.array(z.number()),
  std: z.array(z.number()),
  model: LinearModelJsonSchema,
  /** Probability at or above which a message borrows the previous topic, chosen by cross-validation. */
  threshold: z.number().min(0).max(1),
  /** The stricter bar used when there is no earlier turn (asking back costs an answer), chosen on dev questions. */
  contextThreshold: z.number().min(0).max(1),
  /** What it was fitted on (counts), for the record. */
  fittedOn: z.strictObject({ followUps: z.number(), standalone: z.number(), files: z.array(z.string()) }),
});
export type FollowUpWeights = z.infer<typeof FollowUpWeightsSchema>;

/** The follow-up model: probability that a message only makes sense with an earlier turn. */
export class FollowUpModel {
  private readonly model;
  constructor(readonly weights: FollowUpWeights) {
    if (weights.features.join() !== ELLIPSIS_FEATURES.join())
      throw new Error('follow-up-weights.json is stale: refit with `npx tsx evals/follow-ups/run.ts --fit`');
    this.model = linearModelFromJson(weights.model);
  }

  probability(features: readonly number[]): number {
    const { mean, std } = this.weights;
    const x = fromDense(features.map((v, i) => (v - (mean[i] as number)) / (std[i] as number)));
    return predictProba(this.model, x)[1] as number;
  }

  /** Whether the message leans on an earlier turn (there is one to lean on). */
  borrows(features: readonly number[]): boolean {
    return this.probability(features) >= this.weights.threshold;
  }

  /** Whether, with no earlier turn, the message cannot stand alone (stricter: asking back costs an answer). */
  needsContext(features: readonly number[]): boolean {
    return this.probability(features) >= this.weights.contextThreshold;
  }
}

/** The committed model (parsed once per process). */
export const followUpModel = new FollowUpModel(FollowUpWeightsSchema.parse(weightsJson));
