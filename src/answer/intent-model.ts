import { z } from 'zod';
import { denseProba, trainDenseSoftmax, type DenseSoftmax } from '../learn/dense-softmax.js';

/**
 * A unit classifier, the way custom question answering / intent classifiers generalise over alternate questions: a
 * multinomial logistic regression (softmax over answer units) on the USE-lite vectors of each unit's bank questions,
 * giving P(unit | question) from the turn's vector (which exists already: no extra embedding). Measured as ranker
 * features twice (README, "Retrieval quality", rounds 4 and 8) and not shipped: within the fold spread on dev CV.
 * The runtime ranker reads it only when its weights list its features (intent-features.ts, intent-weights.ts).
 */
export const UnitClassifierJsonSchema = z
  .strictObject({
    /** sha256 of the bank file the classifier was fitted on (a stale classifier must be refitted). */
    bankHash: z.string().length(64),
    /** Unit id per class. */
    units: z.array(z.string().min(1)).min(2),
    dims: z.number().int().positive(),
    /** One weight row per unit. */
    weights: z.array(z.array(z.number())),
    bias: z.array(z.number()),
  })
  .refine((m) => m.weights.length === m.units.length && m.bias.length === m.units.length, 'one row per unit')
  .refine((m) => m.weights.every((row) => row.length === m.dims), 'every weight row has `dims` entries');
export type UnitClassifierJson = z.infer<typeof UnitClassifierJsonSchema>;

/** P(unit | question) of one question, with each unit's rank (0 = most probable). */
export interface UnitPosterior {
  probability(unitId: string): number;
  rank(unitId: string): number;
  /** Largest probability over all units. */
  max: number;
  /** Entropy of the distribution divided by log(units): 0 for one sure unit, 1 for no idea. */
  entropy: number;
}

/**
 * Hyper-parameters of the fit, chosen on out-of-fold bank questions (`tsx evals/retrieval/unit-classifier-check.ts`:
 * 5 folds of the bank, training data, never dev). Top-1 / log-loss: l2 1e-4 28.9 % / 2.99, 1e-5 34.1 % / 2.78, 1e-6
 * 34.8 % / 2.77 at 8 epochs; 4 epochs 29.0 % / 2.99 — more passes help, the penalty hardly matters below 1e-5.
 * 16 epochs of batches of 32 at Adam step 0.05: a few seconds per fit.
 */
export const CLASSIFIER_FIT = { l2: 1e-5, epochs: 16, batch: 32, learningRate: 0.05, seed: 7 } as const;
/** Fit settings of {@link UnitClassifier.fit}: CLASSIFIER_FIT's, plus optional per-row loss weights. */
export type IntentFit = Record<keyof typeof CLASSIFIER_FIT, number> & { sampleWeights?: readonly number[] };

export class UnitClassifier {
  private readonly index: Map<string, number>;
  constructor(
    readonly units: readonly string[],
    private readonly model: DenseSoftmax,
  ) {
    this.index = new Map(units.map((u, i) => [u, i]));
  }

  /** Fits the classifier on (vector, unit id) examples; units without examples still get a class (never chosen). */
  static fit(
    vectors: readonly ArrayLike<number>[],
    unitIds: readonly string[],
    units: readonly string[],
    fit: Partial<IntentFit> = {},
  ) {
    const index = new Map(units.map((u, i) => [u, i]));
    const ys = unitIds.map((u) => index.get(u) as number);
    const options = { classes: units.length, ...CLASSIFIER_FIT, ...fit };
    return new UnitClassifier(units, trainDenseSoftmax(vectors, ys, options));
  }

  static fromJson(json: UnitClassifierJson): UnitClassifier {
    const weights = new Float64Array(json.units.length * json.dims);
    json.weights.forEach((row, c) => {
      weights.set(row, c * json.dims);
    });
    const model = { classes: json.units.length, dims: json.dims, weights, bias: Float64Array.from(json.bias) };
    return new UnitClassifier(json.units, model);
  }

  toJson(bankHash: string): UnitClassifierJson {
    // 5 significant digits: no probability moves by more than 1e-4, and the file stays about 300 KB.
    const round = (x: number) => Number(x.toPrecision(5));
    const { dims, weights, bias } = this.model;
    return {
      bankHash,
      units: [...this.units],
      dims,
      weights: this.units.map((_, c) => Array.from(weights.subarray(c * dims, (c + 1) * dims), round)),
      bias: Array.from(bias, round),
    };
  }

  /** The posterior over units of a question vector (~50,000 multiply-adds). */
  posterior(vector: ArrayLike<number>): UnitPosterior {
    const p = denseProba(this.model, vector);
    const order = Array.from(p.keys()).sort((a, b) => (p[b] as number) - (p[a] as number));
    const rank = new Int32Array(p.length);
    order.forEach((c, r) => {
      rank[c] = r;
    });
    let h = 0;
    for (const v of p) if (v > 0) h -= v * Math.log(v);
    const at = (unitId: string) => this.index.get(unitId);
    return {
      probability: (u) => {
        const i = at(u);
        return i === undefined ? 0 : (p[i] as number);
      },
      rank: (u) => {
        const i = at(u);
        return i === undefined ? p.length : (rank[i] as number);
      },
      max: p[order[0] as number] as number,
      entropy: h / Math.log(Math.max(2, p.length)),
    };
  }
}
