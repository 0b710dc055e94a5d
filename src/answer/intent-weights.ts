import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { readWeightsJson } from '../learn/weights-file.js';
import { fromProjectRoot } from '../paths.js';
import { UnitClassifier, UnitClassifierJsonSchema, type UnitClassifierJson } from './intent-model.js';

/** The committed unit classifier (intent model), written by `npm run answer:train` beside the ranker weights. */
export const INTENT_WEIGHTS_FILE = fromProjectRoot('src', 'answer', 'intent-weights.json');

/**
 * `intent-weights.json`: the classifier's weights as int16 per row (row-wise scale = max |w| / 32767), base64. The
 * rounding moves no probability by more than ~1e-4 (measured in the training log) and keeps the file ~140 KB instead
 * of ~400 KB of decimal text.
 */
export const IntentWeightsSchema = z
  .strictObject({
    /** sha256 over the corpus articles and the question bank the classifier was fitted on. */
    dataHash: z.string().length(64),
    units: z.array(z.string().min(1)).min(2),
    dims: z.number().int().positive(),
    /** Per unit: weights = int16 × scale. */
    scale: z.array(z.number().nonnegative()),
    /** Base64 of units × dims little-endian int16, unit-major. */
    weights: z.string().min(1),
    bias: z.array(z.number()),
    /** Fit settings and the out-of-fold bank figures, for the README and the report. */
    fit: z.record(z.string(), z.number()),
    trainedAt: z.string(),
  })
  .refine((m) => m.scale.length === m.units.length && m.bias.length === m.units.length, 'one scale and bias per unit')
  .refine((m) => Buffer.from(m.weights, 'base64').length === m.units.length * m.dims * 2, 'units × dims int16 weights');
export type IntentWeights = z.infer<typeof IntentWeightsSchema>;

/** The classifier file is missing, invalid, or fitted on another corpus / bank. */
export class IntentWeightsError extends AppError {
  constructor(message: string) {
    super(`${message} Run \`npm run answer:train\`.`, 'intent_weights_stale', 500);
  }
}

/** sha256 over the articles and the question bank (names and contents) under `root`'s corpus folder. */
export async function hashIntentData(root: string = fromProjectRoot()): Promise<string> {
  const dir = `${root}/corpus`;
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md') || f === 'questions.yaml').sort();
  const hash = createHash('sha256');
  for (const f of files)
    hash
      .update(`${f}\0`)
      .update(await readFile(`${dir}/${f}`))
      .update('\0');
  return hash.digest('hex');
}

/** Packs a fitted classifier (its JSON form) into the int16 file format. */
export function packIntent(json: UnitClassifierJson, dataHash: string, fit: Record<string, number>): IntentWeights {
  const q = new Int16Array(json.units.length * json.dims);
  const scale = json.weights.map((row, c) => {
    const s = row.reduce((m, w) => Math.max(m, Math.abs(w)), 0) / 32767;
    row.forEach((w, j) => {
      q[c * json.dims + j] = s === 0 ? 0 : Math.round(w / s);
    });
    return s;
  });
  return {
    dataHash,
    units: json.units,
    dims: json.dims,
    scale,
    weights: Buffer.from(q.buffer).toString('base64'),
    bias: json.bias,
    fit,
    trainedAt: new Date().toISOString(),
  };
}

/** The classifier of a (valid) weights file. */
export function unpackIntent(w: IntentWeights): UnitClassifier {
  const buf = Buffer.from(w.weights, 'base64');
  const q = new Int16Array(buf.buffer, buf.byteOffset, buf.length / 2);
  const rows = w.units.map((_, c) =>
    Array.from(q.subarray(c * w.dims, (c + 1) * w.dims), (v) => v * (w.scale[c] as number)),
  );
  const json = UnitClassifierJsonSchema.parse({
    bankHash: w.dataHash,
    units: w.units,
    dims: w.dims,
    weights: rows,
    bias: w.bias,
  });
  return UnitClassifier.fromJson(json);
}

/** Options for {@link loadIntent}. */
export interface LoadIntentOptions {
  file?: string;
  /** Corpus + bank hash to check against; computed from the project's corpus unless given. */
  dataHash?: string;
}

/** Loads and checks the classifier: zod-valid and fitted on today's corpus and bank, or an error naming the fix. */
export async function loadIntent(options: LoadIntentOptions = {}): Promise<UnitClassifier> {
  const file = options.file ?? INTENT_WEIGHTS_FILE;
  const data = await readWeightsJson(file, IntentWeightsSchema, (issue) =>
    issue
      ? new IntentWeightsError(`Unit classifier weights ${file} are invalid (${issue.message}).`)
      : new IntentWeightsError(`Unit classifier weights ${file} are missing or not JSON.`),
  );
  const dataHash = options.dataHash ?? (await hashIntentData());
  if (data.dataHash !== dataHash)
    throw new IntentWeightsError(
      `Unit classifier weights ${file} are stale: the articles or the question bank changed since they were fitted.`,
    );
  return unpackIntent(data);
}
