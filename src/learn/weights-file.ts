import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { LinearModel } from './softmax-regression.js';

/**
 * A linear model as JSON: one weight row per class, named by `labels`. Generic, so every trained component (safety
 * classifier, answer ranker) stores its weights the same way and validates them with zod on load.
 */
export const LinearModelJsonSchema = z
  .strictObject({
    labels: z.array(z.string().min(1)).min(2),
    dims: z.number().int().positive(),
    weights: z.array(z.array(z.number())),
    bias: z.array(z.number()),
  })
  .refine(
    (m) => m.weights.length === m.labels.length && m.bias.length === m.labels.length,
    'one weight row and one bias per label',
  )
  .refine((m) => m.weights.every((row) => row.length === m.dims), 'every weight row has `dims` entries');
export type LinearModelJson = z.infer<typeof LinearModelJsonSchema>;

/** Significant digits kept in JSON: 6 changes no prediction in practice and keeps the file about half as big. */
const DIGITS = 6;

export function linearModelToJson(model: LinearModel, labels: readonly string[]): LinearModelJson {
  if (labels.length !== model.classes) throw new Error('linearModelToJson: one label per class');
  const round = (x: number) => Number(x.toPrecision(DIGITS));
  const weights: number[][] = [];
  for (let c = 0; c < model.classes; c++)
    weights.push(Array.from({ length: model.dims }, (_, j) => round(model.weights[j * model.classes + c] as number)));
  return { labels: [...labels], dims: model.dims, weights, bias: Array.from(model.bias, round) };
}

export function linearModelFromJson(json: LinearModelJson): LinearModel {
  const k = json.labels.length;
  const weights = new Float64Array(k * json.dims);
  json.weights.forEach((row, c) => {
    row.forEach((w, j) => {
      weights[j * k + c] = w;
    });
  });
  return { classes: json.labels.length, dims: json.dims, weights, bias: Float64Array.from(json.bias) };
}

/**
 * Reads a weights file and validates it with `schema`. `fail` builds the caller's typed error from what went wrong:
 * `undefined` when the file is missing or not JSON, else the first zod issue.
 */
export async function readWeightsJson<T>(
  file: string,
  schema: z.ZodType<T>,
  fail: (issue: z.core.$ZodIssue | undefined) => Error,
): Promise<T> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw fail(undefined);
  }
  const parsed = schema.safeParse(json);
  // A failed parse always has at least one issue.
  if (!parsed.success) throw fail(parsed.error.issues[0]);
  return parsed.data;
}
