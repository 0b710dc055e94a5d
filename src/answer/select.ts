import { words } from '../text/tokenize.js';
import { memoByText } from './memo.js';
import type { Candidate } from './candidates.js';

/** Options for {@link selectSentences}. */
export interface SelectOptions {
  /** Most sentences in the answer (1–4). */
  maxSentences: number;
  /** A further sentence must score at least this share of the best one. */
  relativeCutoff?: number;
  /** A further sentence may be at most this much less similar to the question than the best one. */
  denseSlack?: number;
}

/** Token sets of corpus sentences: selection compares the same sentences on every turn. */
const tokenSet = memoByText((text) => new Set(words(text)));

/** Token-set Jaccard similarity, to skip near-duplicates (the articles repeat themselves). */
export function jaccard(a: string, b: string): number {
  const ta = tokenSet(a);
  const tb = tokenSet(b);
  let inter = 0;
  for (const t of ta) if (tb.has(t)) inter++;
  const union = ta.size + tb.size - inter;
  return union === 0 ? 0 : inter / union;
}

const NEAR_DUPLICATE = 0.5;
/** Bonus for a sentence that directly follows a chosen one (it usually continues the thought). */
const CONTINUATION_BONUS = 0.06;
/** Bonus for a sentence from an article not yet cited (diversity across articles). */
const NEW_ARTICLE_BONUS = 0.03;

/**
 * Greedy selection: the best sentence, then the best remaining ones above the cut-off, preferring continuations
 * and new articles, never near-duplicates. Candidates must be sorted by score (best first).
 */
export function selectSentences(candidates: Candidate[], options: SelectOptions): Candidate[] {
  const best = candidates[0];
  if (!best) return [];
  const chosen: Candidate[] = [best];
  const cutoff = best.score * (options.relativeCutoff ?? 0.9);
  const minDense = best.dense - (options.denseSlack ?? 0.12);
  const pool = candidates.slice(1);
  while (chosen.length < options.maxSentences) {
    let pick: Candidate | undefined;
    let pickScore = -Infinity;
    for (const c of pool) {
      if (chosen.includes(c) || chosen.some((s) => jaccard(s.text, c.text) >= NEAR_DUPLICATE)) continue;
      if (c.dense < minDense) continue;
      const follows = chosen.some(
        (s) => s.chunk.docId === c.chunk.docId && s.sentence.paragraph === c.sentence.paragraph && c.sentence.index === s.sentence.index + 1,
      );
      const adjusted =
        c.score + (follows ? CONTINUATION_BONUS : 0) + (chosen.every((s) => s.chunk.docId !== c.chunk.docId) ? NEW_ARTICLE_BONUS : 0);
      if (adjusted >= cutoff && adjusted > pickScore) {
        pick = c;
        pickScore = adjusted;
      }
    }
    if (!pick) break;
    chosen.push(pick);
  }
  return chosen;
}

/** Reading order: articles in order of their best sentence, and article order within each. */
export function readingOrder(chosen: Candidate[]): Candidate[] {
  const docRank = new Map<string, number>();
  chosen.forEach((c) => {
    if (!docRank.has(c.chunk.docId)) docRank.set(c.chunk.docId, docRank.size);
  });
  return [...chosen].sort(
    (a, b) =>
      (docRank.get(a.chunk.docId) as number) - (docRank.get(b.chunk.docId) as number) ||
      a.sentence.paragraph - b.sentence.paragraph ||
      a.sentence.index - b.sentence.index,
  );
}
