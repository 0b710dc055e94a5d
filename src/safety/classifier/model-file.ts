import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { MlpJsonSchema } from '../../learn/mlp-file.js';
import { LinearModelJsonSchema } from '../../learn/weights-file.js';
import { fromProjectRoot } from '../../paths.js';
import { SafetyLabelSchema } from './labels.js';

/** Bumped when weights.json changes shape incompatibly (the MLP models and per-category thresholds were additions). */
export const WEIGHTS_FORMAT_VERSION = 1;
/** The committed weights `npm run safety:train` writes. */
export const BUNDLED_WEIGHTS_FILE = fromProjectRoot('src', 'safety', 'classifier', 'weights.json');

const Share = z.number().min(0).max(1);
/** A linear model (softmax regression) or a one-hidden-layer (wide & deep) network. */
const ModelJsonSchema = z.union([LinearModelJsonSchema, MlpJsonSchema]);

/** weights.json: both linear models, their thresholds, and what they were trained from. */
export const SafetyWeightsSchema = z.strictObject({
  formatVersion: z.literal(WEIGHTS_FORMAT_VERSION),
  /** sha256 over src/safety/training/*.yaml + variant generator version + feature version. */
  trainingHash: z.string().length(64),
  embeddingModel: z.string(),
  features: z.strictObject({
    ngrams: z.boolean(),
    buckets: z.number().int().positive().optional(),
    grams: z.enum(['word', 'char', 'both']).optional(),
    version: z.number().int(),
  }),
  /** Multinomial model over every label. */
  category: ModelJsonSchema,
  /** Binary model, labels [other, crisis], trained with crisis up-weighted for recall. */
  crisis: ModelJsonSchema,
  thresholds: z.strictObject({
    /** A non-general category is decided only at or above this probability; below, the turn goes to retrieval. */
    decision: Share,
    /** Crisis detector probability at or above which the turn is a crisis. */
    crisis: Share,
    /** At or above this (and below `crisis`): answer as usual and add the supportive 988 / emergency line. */
    possibleCrisis: Share,
    /** Per-category decision thresholds (CV-calibrated); a category without one uses `decision`. */
    perCategory: z.partialRecord(SafetyLabelSchema, Share).optional(),
  }),
  /** Prompts per label the model was trained on (seeds + variants). */
  counts: z.record(SafetyLabelSchema, z.number().int().nonnegative()),
  /** Cross-validation figures at save time (for the record; nothing reads them at run time). */
  cv: z.record(z.string(), z.number()),
  trainedAt: z.string(),
  trainMs: z.number().nonnegative(),
});
export type SafetyWeights = z.infer<typeof SafetyWeightsSchema>;

/** A missing, unreadable or stale weights file. The message always says how to fix it. */
export class SafetyModelError extends AppError {
  constructor(message: string, code: 'safety_model_missing' | 'safety_model_corrupt' | 'safety_model_stale') {
    super(`${message}. Run \`npm run safety:train\` to (re)build the safety classifier weights.`, code, 500);
  }
}

/** What the weights must have been trained from to be usable now. */
export interface WeightsFingerprint {
  trainingHash: string;
  embeddingModel: string;
}

/** Reads and validates a weights file, and checks it against the current training data and embedding model. */
export function readWeightsFile(file: string, expected: WeightsFingerprint): SafetyWeights {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new SafetyModelError(`no safety classifier weights at ${file}`, 'safety_model_missing');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SafetyModelError(`${file} is not valid JSON`, 'safety_model_corrupt');
  }
  const parsed = SafetyWeightsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SafetyModelError(
      `${file} is invalid (${issue?.path.join('.')}: ${issue?.message})`,
      'safety_model_corrupt',
    );
  }
  const w = parsed.data;
  if (w.embeddingModel !== expected.embeddingModel) {
    throw new SafetyModelError(
      `safety weights were trained on another embedding model (${w.embeddingModel})`,
      'safety_model_stale',
    );
  }
  if (w.trainingHash !== expected.trainingHash) {
    throw new SafetyModelError(
      'safety weights are stale: the training data, variant generator or features changed since they were trained',
      'safety_model_stale',
    );
  }
  return w;
}
