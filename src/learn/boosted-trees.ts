import type { BoostedTrees, Tree } from './trees-json.js';
import { seededRandom } from './random.js';

/**
 * Gradient-boosted regression trees (second-order, XGBoost-style leaves −G/(H+λ)) over dense feature rows, for any
 * twice-differentiable loss: the caller gives gradients and hessians of the loss at the current margins, so the same
 * code fits a pointwise logistic model or a listwise (softmax-per-query) ranker. Splits are searched over per-feature
 * quantile bins (histograms), which keeps a round linear in rows × features.
 */

/** Margin of `x` under the first `rounds` trees (all by default). */
export function treeMargin(model: BoostedTrees, x: readonly number[], rounds = model.trees.length): number {
  let s = 0;
  for (let k = 0; k < rounds && k < model.trees.length; k++) {
    const t = model.trees[k] as Tree;
    let n = 0;
    while ((t.feature[n] as number) >= 0)
      n =
        (x[t.feature[n] as number] as number) <= (t.threshold[n] as number)
          ? (t.left[n] as number)
          : (t.right[n] as number);
    s += t.value[n] as number;
  }
  return s;
}

/** Options for {@link fitBoostedTrees}. */
export interface BoostOptions {
  rounds: number;
  /** Levels of splits per tree (2–4 keeps interactions low-order, what ~1,000 dev questions can support). */
  depth: number;
  /** Shrinkage per tree. */
  learningRate: number;
  /** L2 on leaf values (λ in −G/(H+λ)). */
  l2: number;
  /** A split needs this much hessian on each side (a leaf of a handful of rows would memorise them). */
  minChildHessian: number;
  /** Quantile bins per feature. */
  bins: number;
  /** Share of rows each tree sees (stochastic boosting), drawn with a seeded generator. */
  subsample: number;
  seed: number;
}

/** Gradients and hessians of the loss at the margins, one per row (rows the caller weights itself). */
export type GradientFn = (margins: Float64Array) => { g: Float64Array; h: Float64Array };

function binEdges(xs: readonly number[][], j: number, bins: number): number[] {
  const sorted = xs.map((x) => x[j] as number).sort((a, b) => a - b);
  const edges = new Set<number>();
  for (let b = 1; b < bins; b++) edges.add(sorted[Math.floor((b * sorted.length) / bins)] as number);
  return [...edges].sort((a, b) => a - b);
}

/** Fits trees on rows `xs` from margins `init` (default 0), returns the model (its margins exclude `init`). */
export function fitBoostedTrees(
  xs: number[][],
  gradients: GradientFn,
  o: BoostOptions,
  init?: Float64Array,
): BoostedTrees {
  const n = xs.length;
  const dims = xs[0]?.length ?? 0;
  const edges = Array.from({ length: dims }, (_, j) => binEdges(xs, j, o.bins));
  // bin[i * dims + j]: index of the first edge ≥ x (a row goes left of edge e when x ≤ e).
  const bin = new Uint8Array(n * dims);
  xs.forEach((x, i) => {
    for (let j = 0; j < dims; j++) {
      const e = edges[j] as number[];
      let b = 0;
      while (b < e.length && (x[j] as number) > (e[b] as number)) b++;
      bin[i * dims + j] = b;
    }
  });
  const margins = init ? Float64Array.from(init) : new Float64Array(n);
  const random = seededRandom(o.seed);
  const trees: Tree[] = [];
  const nb = o.bins + 1;
  for (let round = 0; round < o.rounds; round++) {
    const { g, h } = gradients(margins);
    const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (random() < o.subsample) rows.push(i);
    const grow = (members: number[], level: number): number => {
      const id = tree.feature.length;
      let G = 0;
      let H = 0;
      for (const i of members) {
        G += g[i] as number;
        H += h[i] as number;
      }
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push((-G / (H + o.l2)) * o.learningRate);
      if (level >= o.depth) return id;
      let best = { gain: 1e-9, j: -1, b: -1 };
      const hg = new Float64Array(nb);
      const hh = new Float64Array(nb);
      for (let j = 0; j < dims; j++) {
        hg.fill(0);
        hh.fill(0);
        for (const i of members) {
          const b = bin[i * dims + j] as number;
          hg[b] = (hg[b] as number) + (g[i] as number);
          hh[b] = (hh[b] as number) + (h[i] as number);
        }
        let gl = 0;
        let hl = 0;
        for (let b = 0; b < (edges[j] as number[]).length; b++) {
          gl += hg[b] as number;
          hl += hh[b] as number;
          const hr = H - hl;
          if (hl < o.minChildHessian || hr < o.minChildHessian) continue;
          const gain = (gl * gl) / (hl + o.l2) + ((G - gl) * (G - gl)) / (hr + o.l2) - (G * G) / (H + o.l2);
          if (gain > best.gain) best = { gain, j, b };
        }
      }
      if (best.j < 0) return id;
      const left = members.filter((i) => (bin[i * dims + best.j] as number) <= best.b);
      const right = members.filter((i) => (bin[i * dims + best.j] as number) > best.b);
      tree.feature[id] = best.j;
      tree.threshold[id] = (edges[best.j] as number[])[best.b] as number;
      tree.left[id] = grow(left, level + 1);
      tree.right[id] = grow(right, level + 1);
      return id;
    };
    grow(rows, 0);
    trees.push(tree);
    const one: BoostedTrees = { dims, trees: [tree] };
    for (let i = 0; i < n; i++) margins[i] = (margins[i] as number) + treeMargin(one, xs[i] as number[]);
  }
  return { dims, trees };
}
