import type { BankHit } from './bank-lexical.js';

/** How close a query is to the questions the articles do NOT answer (`corpus/not-covered.yaml`); query-level. */
export interface NotCoveredSignals {
  /** Best cosine of the query to a not-covered question (−1 without any). */
  denseMax: number;
  /** Mean cosine of the TOP_K nearest not-covered questions: a family of them near, not one lucky neighbour. */
  denseTopMean: number;
  /** Raw BM25 of the best-matching not-covered question (0 without a hit). */
  bm25Max: number;
}

/** No not-covered bank (or an empty one): the signals of a query near none of it. */
export const NO_NOT_COVERED: NotCoveredSignals = { denseMax: -1, denseTopMean: -1, bm25Max: 0 };

/**
 * Neighbours in the top-k mean: 3, so it rises only when several questions of one family (cost, clinics, law…) are
 * close, while a family holds ~15–35 questions (see the file), so even a narrow topic has 3.
 */
const TOP_K = 3;

/**
 * The not-covered signals of one query: `sims` are the query's cosines by text id (one exact search over every
 * stored text, see TextSimilarities), `ids` the text id of each not-covered question (−1: not in the index),
 * `hits` its BM25 hits over them. `exclude` leaves one question out (training: a question never matches itself).
 */
export function notCoveredSignals(
  sims: Float64Array,
  ids: Int32Array,
  hits: readonly BankHit[],
  exclude?: number,
): NotCoveredSignals {
  if (ids.length === 0) return NO_NOT_COVERED;
  const top: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    if (i === exclude || id < 0) continue;
    const sim = sims[id] as number;
    if (Number.isNaN(sim)) continue;
    // Insertion into a TOP_K-long list, largest first: ~300 questions, no sort needed.
    if (top.length === TOP_K && sim <= (top[TOP_K - 1] as number)) continue;
    let at = top.length;
    while (at > 0 && (top[at - 1] as number) < sim) at--;
    top.splice(at, 0, sim);
    if (top.length > TOP_K) top.pop();
  }
  let bm25Max = 0;
  for (const h of hits) if (h.question !== exclude) bm25Max = Math.max(bm25Max, h.score);
  if (top.length === 0) return { ...NO_NOT_COVERED, bm25Max };
  return {
    denseMax: top[0] as number,
    denseTopMean: top.reduce((a, b) => a + b, 0) / top.length,
    bm25Max,
  };
}
