import { USE_LITE_MODEL_ID } from '../../embeddings/use-lite-model.js';
import { type Mlp, mlpProba } from '../../learn/mlp.js';
import { type MlpJson, mlpFromJson } from '../../learn/mlp-file.js';
import type { SparseVector } from '../../learn/sparse.js';
import { predictProba, type LinearModel } from '../../learn/softmax-regression.js';
import { type LinearModelJson, linearModelFromJson } from '../../learn/weights-file.js';
import { FEATURE_VERSION, featurize, type FeatureOptions } from './features.js';
import { SAFETY_LABELS, type SafetyLabel } from './labels.js';
import { BUNDLED_WEIGHTS_FILE, readWeightsFile, type SafetyWeights } from './model-file.js';
import { trainingDataHash } from './training-data.js';
import { crisisTier, decideLabel, type CrisisTier, type Thresholds } from './decide.js';

export type { CrisisTier };

/** The classifier's verdict on one message. */
export interface SafetyClassification {
  /** `general` = go to retrieval (also when no other category is sure enough). `crisis` only with tier `crisis`. */
  label: SafetyLabel;
  /** Category model probabilities per label. */
  probabilities: Record<SafetyLabel, number>;
  /** Crisis detector: `possible` = answer as usual but add the supportive 988 / emergency line. */
  crisisTier: CrisisTier;
  /** Crisis detector probability. */
  crisisProbability: number;
}

export interface SafetyModel {
  classify(vector: ArrayLike<number>, text: string): SafetyClassification;
  readonly thresholds: Thresholds;
}

/** Either kind of fitted model the weights file can hold. */
export type ProbaModel = LinearModel | Mlp;

/** Class probabilities of `x` under either kind of model. */
export const probaOf = (m: ProbaModel, x: SparseVector): number[] =>
  'hidden' in m ? mlpProba(m, x) : predictProba(m, x);

const fromJson = (j: LinearModelJson | MlpJson): ProbaModel => ('kind' in j ? mlpFromJson(j) : linearModelFromJson(j));

/** Builds the classifier from validated weights (also used by the trainer on freshly fitted models). */
export function safetyModelFrom(
  category: ProbaModel,
  crisis: ProbaModel,
  features: FeatureOptions,
  thresholds: Thresholds,
): SafetyModel {
  return {
    thresholds,
    classify(vector, text) {
      const x = featurize(vector, text, features);
      const p = probaOf(category, x);
      const probabilities = Object.fromEntries(SAFETY_LABELS.map((l, i) => [l, p[i] as number])) as Record<
        SafetyLabel,
        number
      >;
      const crisisProbability = probaOf(crisis, x)[1] as number;
      const tier = crisisTier(crisisProbability, thresholds);
      return {
        label: decideLabel(probabilities, tier, thresholds),
        probabilities,
        crisisTier: tier,
        crisisProbability,
      };
    },
  };
}

/** Options for {@link loadSafetyModel}. */
export interface LoadSafetyModelOptions {
  /** Expected training-data hash; defaults to the hash of the committed training files. */
  trainingHash?: string;
}

/**
 * Loads the trained safety classifier. Throws SafetyModelError (`safety_model_missing`, `_corrupt`, `_stale`) with
 * a message telling the developer to run `npm run safety:train`, like a stale index.
 */
export function loadSafetyModel(file = BUNDLED_WEIGHTS_FILE, options: LoadSafetyModelOptions = {}): SafetyModel {
  const w: SafetyWeights = readWeightsFile(file, {
    trainingHash: options.trainingHash ?? trainingDataHash(FEATURE_VERSION),
    embeddingModel: USE_LITE_MODEL_ID,
  });
  if (w.category.labels.join() !== SAFETY_LABELS.join())
    throw new Error(`${file}: category labels differ from ${SAFETY_LABELS.join(', ')}`);
  return safetyModelFrom(
    fromJson(w.category),
    fromJson(w.crisis),
    { ngrams: w.features.ngrams, buckets: w.features.buckets, grams: w.features.grams },
    w.thresholds,
  );
}
