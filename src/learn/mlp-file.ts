import { z } from 'zod';
import type { Mlp } from './mlp.js';

/** An {@link Mlp} as JSON (flat feature-major arrays, as in memory), validated with zod on load. */
export const MlpJsonSchema = z
  .strictObject({
    kind: z.literal('mlp'),
    labels: z.array(z.string().min(1)).min(2),
    dims: z.number().int().positive(),
    deepDims: z.number().int().positive(),
    hidden: z.number().int().positive(),
    w1: z.array(z.number()),
    b1: z.array(z.number()),
    w2: z.array(z.number()),
    b2: z.array(z.number()),
    wide: z.array(z.number()),
  })
  .refine((m) => m.deepDims <= m.dims, 'deepDims ≤ dims')
  .refine((m) => m.w1.length === m.deepDims * m.hidden && m.b1.length === m.hidden, 'w1 is deepDims × hidden')
  .refine((m) => m.w2.length === m.hidden * m.labels.length && m.b2.length === m.labels.length, 'w2 is hidden × labels')
  .refine((m) => m.wide.length === 0 || m.wide.length === m.dims * m.labels.length, 'wide is empty or dims × labels');
export type MlpJson = z.infer<typeof MlpJsonSchema>;

/** Significant digits kept: 5 changes no dev prediction and keeps the hidden layer's weights file small. */
const DIGITS = 5;
const round = (a: Float64Array) => Array.from(a, (x) => Number(x.toPrecision(DIGITS)));

export function mlpToJson(m: Mlp, labels: readonly string[]): MlpJson {
  if (labels.length !== m.classes) throw new Error('mlpToJson: one label per class');
  const { dims, deepDims, hidden } = m;
  const [w1, b1, w2, b2, wide] = [m.w1, m.b1, m.w2, m.b2, m.wide].map(round) as number[][];
  return { kind: 'mlp', labels: [...labels], dims, deepDims, hidden, w1, b1, w2, b2, wide } as MlpJson;
}

export function mlpFromJson(j: MlpJson): Mlp {
  const f = (a: number[]) => Float64Array.from(a);
  return {
    classes: j.labels.length,
    dims: j.dims,
    deepDims: j.deepDims,
    hidden: j.hidden,
    w1: f(j.w1),
    b1: f(j.b1),
    w2: f(j.w2),
    b2: f(j.b2),
    wide: f(j.wide),
  };
}
