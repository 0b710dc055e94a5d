/**
 * Cross-validation of a ranker variant on the DEV queries: 5-fold group CV over the non-held-out dev queries (bank
 * questions are always training rows, never evaluated), the no-answer threshold chosen on the out-of-fold
 * answerability (the largest keeping false no_answer ≤ 3 %), the figures of the issue, their spread over the folds,
 * and optionally the held-out quarter.
 */
import { RANKER_FEATURE_NAMES as FEATURE_NAMES } from '../../src/answer/features.js';
import { answerabilityFeatures } from '../../src/answer/answerability.js';
import { jaccard } from '../../src/answer/similarity.js';
import { groupFolds, outOfFold } from '../../src/learn/cross-validation.js';
import { fitAnswerability, type FittedRanker } from './fit.js';
import { fitVariant, truncated, type TwoPart, type Variant } from './rank-variant.js';
import { isHeldOut } from './train-data.js';
import type { TrainItem } from './train-features.js';

/** The dev targets of the issue: at most 3 % false no_answer. */
export const MAX_FALSE_NO_ANSWER = 0.03;
const FOLDS = 5;
const SEED = 11;

/** The query's candidates ranked by `model`, with what the answerability model reads. */
export const rankWith = (model: TwoPart, x: TrainItem) =>
  x.candidates
    .map((c) => ({
      c,
      features: c.features,
      signals: c.signals,
      notCovered: c.notCovered,
      probability: model.probability(c.features),
      score: model.score(c.features),
    }))
    .sort((a, b) => b.score - a.score);
export const answerabilityRow = (model: TwoPart, x: TrainItem) =>
  answerabilityFeatures(rankWith(model, x), FEATURE_NAMES);

export interface Models {
  ranker: TwoPart;
  answerability: FittedRanker;
}
/** Ranker fitted on `train` (dev queries) and the bank; answerability model on `train` (+ `extraNegatives`). */
export function fitAll(train: TrainItem[], bank: TrainItem[], v: Variant, extraNegatives: TrainItem[] = []): Models {
  const ranker = fitVariant([...train, ...bank], v);
  return { ranker, answerability: fitAnswerabilityOn(ranker, [...train, ...extraNegatives]) };
}
export function fitAnswerabilityOn(ranker: TwoPart, items: TrainItem[]): FittedRanker {
  return fitAnswerability(
    items.map((x) => answerabilityRow(ranker, x)),
    items.map((x) => (x.q.right.length > 0 ? 1 : 0)),
  );
}

/** One query's outcome: answerability probability, whether the top unit is right, the second unit. */
export function predictOne(models: Models, x: TrainItem) {
  const ranked = rankWith(models.ranker, x);
  const top = ranked[0];
  const second = top && ranked.find((r) => r.c.docId !== top.c.docId && jaccard(r.c.text, top.c.text) < 0.5);
  return {
    p: models.answerability.probability(answerabilityFeatures(ranked, FEATURE_NAMES)),
    right: top !== undefined && x.q.right.includes(top.c.unitId),
    second: second ? { p: second.probability, right: x.q.right.includes(second.c.unitId) } : undefined,
  };
}
export type Row = { x: TrainItem; r: ReturnType<typeof predictOne>; fold: number };

export const split = (rows: Row[]) => ({
  single: rows.filter(({ x }) => x.q.right.length > 0 && x.q.history.length === 0),
  followUps: rows.filter(({ x }) => x.q.right.length > 0 && x.q.history.length > 0),
  notCovered: rows.filter(({ x }) => x.q.right.length === 0),
});
/** The figures at no-answer threshold `t`. */
export function figuresAt(rows: Row[], t: number) {
  const { single, followUps, notCovered } = split(rows);
  const fna = single.filter(({ r }) => r.p < t).length;
  const declined = notCovered.filter(({ r }) => r.p < t).length;
  const given = fna + declined;
  return {
    rightUnit: single.filter(({ r }) => r.p >= t && r.right).length / single.length,
    falseNoAnswer: fna / single.length,
    noAnswerPrecision: given === 0 ? 1 : declined / given,
    noAnswerRecall: declined / Math.max(1, notCovered.length),
    followUpRightUnit: followUps.filter(({ r }) => r.p >= t && r.right).length / Math.max(1, followUps.length),
  };
}
/** The largest threshold keeping false no_answer ≤ 3 % of the answerable single-turn rows. */
export function thresholdOf(rows: Row[]): number {
  const pos = split(rows)
    .single.map(({ r }) => r.p)
    .sort((a, b) => a - b);
  return pos[Math.floor(pos.length * MAX_FALSE_NO_ANSWER)] ?? 0;
}
/** Standard deviation over the folds of the right-unit rate (each fold at the common threshold). */
export function foldSpread(rows: Row[], t: number): number {
  const per = [...new Set(rows.map((r) => r.fold))].map(
    (f) =>
      figuresAt(
        rows.filter((r) => r.fold === f),
        t,
      ).rightUnit,
  );
  const mean = per.reduce((a, b) => a + b, 0) / per.length;
  return Math.sqrt(per.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, per.length - 1));
}
export function byStyle(rows: Row[], t: number): Record<string, number> {
  const single = split(rows).single;
  const out: Record<string, number> = {};
  for (const style of new Set(single.map(({ x }) => x.q.style))) {
    const s = single.filter(({ x }) => x.q.style === style);
    out[`right_unit.${style}`] = s.filter(({ r }) => r.p >= t && r.right).length / s.length;
  }
  return out;
}

/** The data split: dev (CV), held-out quarter, bank. */
export function partition(all: TrainItem[]) {
  const devAll = all.filter((x) => x.q.source === 'dev');
  return {
    devAll,
    dev: devAll.filter((x) => !isHeldOut(x.q.group)),
    heldOut: devAll.filter((x) => isHeldOut(x.q.group)),
    bank: all.filter((x) => x.q.source === 'bank'),
  };
}

/**
 * Out-of-fold rows of a variant; with boosted trees, one set of rows per entry of `rounds` (prefixes of the same
 * trees, so choosing the number of rounds costs one fit per fold).
 */
export function crossValidate(
  all: TrainItem[],
  v: Variant,
  rounds: number[] = [],
  extraNegatives: TrainItem[] = [],
): Map<number, Row[]> {
  const { dev, bank } = partition(all);
  const folds = groupFolds(
    dev.map((x) => (x.q.right.length > 0 ? 1 : 0)),
    dev.map((x) => x.q.group),
    FOLDS,
    SEED,
  );
  const counts = v.boost ? (rounds.length > 0 ? rounds : [v.boost.rounds]) : [0];
  const out = new Map<number, Row[]>(counts.map((k) => [k, []]));
  const fits = outOfFold(
    dev,
    dev,
    folds,
    (train) => fitVariant([...train, ...bank], v),
    (m) => m,
  );
  // outOfFold returns the model per sample; refit the answerability model once per (fold, rounds).
  for (let f = 0; f < FOLDS; f++) {
    const test = dev.map((x, i) => ({ x, i })).filter(({ i }) => folds[i] === f);
    const train = dev.filter((_, i) => folds[i] !== f);
    const ranker = fits[test[0]?.i ?? 0] as TwoPart;
    for (const k of counts) {
      const r = k > 0 ? truncated(ranker, k) : ranker;
      const models = { ranker: r, answerability: fitAnswerabilityOn(r, [...train, ...extraNegatives]) };
      out.get(k)?.push(...test.map(({ x }) => ({ x, r: predictOne(models, x), fold: f })));
    }
  }
  return out;
}
