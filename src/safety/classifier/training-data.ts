import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { fromProjectRoot } from '../../paths.js';
import { SafetyLabelSchema, type SafetyLabel } from './labels.js';

/**
 * Version of the trainer's variant generator (evals/safety/train/variants.ts). Bump when its output changes: it is
 * part of the training-data hash, so old weights become stale. It lives here because the runtime checks the hash.
 */
export const VARIANT_GENERATOR_VERSION = 1;

/** Folder of the hand-written seed prompts (one YAML file per label). */
export const TRAINING_DIR = fromProjectRoot('src', 'safety', 'training');

const TrainingFileSchema = z.strictObject({
  label: SafetyLabelSchema,
  items: z.array(z.strictObject({ text: z.string().min(1).max(500), tags: z.array(z.string()).optional() })).min(1),
});

/** One hand-written prompt; `id` (file:index) groups it with its generated variants for cross-validation. */
export interface Seed {
  id: string;
  label: SafetyLabel;
  text: string;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}

/** Reads and validates every training file; a bad file throws with its name and the first problem. */
export function loadSeeds(dir = TRAINING_DIR): Seed[] {
  return yamlFiles(dir).flatMap((file) => {
    const parsed = TrainingFileSchema.safeParse(parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return parsed.data.items.map((item, i) => ({ id: `${file}:${i}`, label: parsed.data.label, text: item.text }));
  });
}

/**
 * sha256 over the training files (names + contents, sorted), the variant generator version and the feature
 * version: what the committed weights were trained from. A different hash at load time means stale weights.
 */
export function trainingDataHash(featureVersion: number, dir = TRAINING_DIR): string {
  const hash = createHash('sha256');
  for (const f of yamlFiles(dir))
    hash
      .update(`${f}\0`)
      .update(readFileSync(join(dir, f)))
      .update('\0');
  hash.update(`variants:${VARIANT_GENERATOR_VERSION}\0features:${featureVersion}`);
  return hash.digest('hex');
}
