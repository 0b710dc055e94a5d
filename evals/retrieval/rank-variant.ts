/**
 * One ranker variant, fitted on training rows: the pointwise logistic regression (its probability feeds the
 * answerability model), listwise order weights, and optionally boosted trees over the features whose margin is added
 * to the listwise score (listwise softmax loss, boosted FROM the linear score, so the trees only learn what the linear
 * order misses). Bank questions count `bankWeight` each in both losses.
 */
import { fitBoostedTrees, treeMargin, type BoostOptions } from '../../src/learn/boosted-trees.js';
import type { BoostedTrees } from '../../src/learn/trees-json.js';
import { listwiseGradients } from '../../src/learn/boost-losses.js';
import { fitListwise, fitRanker, type FittedRanker } from './fit.js';
import type { TrainItem } from './train-features.js';

/** What a variant changes. */
export interface Variant {
  name: string;
  /** Loss weight of a bank question relative to a dev question (1: counted the same). */
  bankWeight: number;
  /** Boosted trees on top of the listwise linear score (none: linear only). */
  boost?: Omit<BoostOptions, 'seed'>;
  /** Trees alone (from margin 0) instead of on top of the linear score. */
  treesOnly?: boolean;
}

/** Pointwise model (probability: the no-answer decision) plus the ranking score. */
export interface TwoPart extends FittedRanker {
  order: number[];
  trees?: BoostedTrees;
  /** Whether the linear listwise score is part of the ranking score. */
  linearScore: boolean;
  score(features: number[]): number;
}

const weightOf = (x: TrainItem, bankWeight: number) => (x.q.source === 'bank' ? bankWeight : 1);
const BOOST_SEED = 11;

export function fitVariant(items: TrainItem[], v: Variant): TwoPart {
  const point = fitRanker(
    items.flatMap((x) =>
      x.candidates.map((c) => ({
        x: c.features,
        y: x.q.right.includes(c.unitId) ? 1 : 0,
        w: weightOf(x, v.bankWeight),
      })),
    ),
  );
  const order = fitListwise(
    items.map((x) => ({
      x: x.candidates.map((c) => c.features),
      right: x.candidates.map((c) => x.q.right.includes(c.unitId)),
      w: weightOf(x, v.bankWeight),
    })),
    point.mean,
    point.std,
  );
  const linear = (f: number[]) =>
    f.reduce(
      (s, val, i) => s + ((val - (point.mean[i] as number)) / (point.std[i] as number)) * (order[i] as number),
      0,
    );
  if (!v.boost) return { ...point, order, linearScore: true, score: linear };
  const rows: number[][] = [];
  const groups: { rows: number[]; right: boolean[] }[] = [];
  const init: number[] = [];
  for (const x of items) {
    const ids: number[] = [];
    for (const c of x.candidates) {
      ids.push(rows.length);
      rows.push(c.features);
      init.push(v.treesOnly ? 0 : linear(c.features));
    }
    groups.push({ rows: ids, right: x.candidates.map((c) => x.q.right.includes(c.unitId)) });
  }
  const trees = fitBoostedTrees(
    rows,
    listwiseGradients(
      groups,
      items.map((x) => weightOf(x, v.bankWeight)),
    ),
    { ...v.boost, seed: BOOST_SEED },
    Float64Array.from(init),
  );
  const linearScore = !v.treesOnly;
  return {
    ...point,
    order,
    trees,
    linearScore,
    score: (f) => (linearScore ? linear(f) : 0) + treeMargin(trees, f),
  };
}

/** The same model with only its first `rounds` trees (choosing the number of rounds by CV from one fit). */
export function truncated(m: TwoPart, rounds: number): TwoPart {
  if (!m.trees) return m;
  const trees = { ...m.trees, trees: m.trees.trees.slice(0, rounds) };
  const base = m.linearScore ? (f: number[]) => m.score(f) - treeMargin(m.trees as BoostedTrees, f) : () => 0;
  return { ...m, trees, score: (f) => base(f) + treeMargin(trees, f) };
}
