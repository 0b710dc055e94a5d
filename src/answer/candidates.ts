import type { Chunk, ChunkSentence } from '../corpus/chunk.js';
import { dot } from '../embeddings/use-lite.js';
import type { RetrievedChunk } from '../retrieval/hybrid.js';
import type { TermStats } from '../retrieval/term-stats.js';
import { contentTerms } from '../retrieval/text.js';

/** A sentence that could go into the answer, with the evidence for it. */
export interface Candidate {
  text: string;
  chunk: Chunk;
  sentence: ChunkSentence;
  /** Rank of its chunk in fused retrieval (0 = best). */
  chunkRank: number;
  /** Cosine similarity of the sentence to the question. */
  dense: number;
  /** IDF-weighted share of the question's terms found in the sentence or (at half credit) its heading. */
  coverage: number;
  /** Cosine similarity of the sentence's section heading to the question (0 without a heading). */
  headingSim: number;
  /** How much specific information the sentence adds beyond the question's own words (0–1). */
  specificity: number;
  /** Combined score used for selection. */
  score: number;
}

/** How the combined score weighs the evidence; tuned on the retrieval set (evals/retrieval). */
export const SCORE_WEIGHTS = { dense: 0.45, coverage: 0.35, heading: 0.1, rank: 0.05, specificity: 0.12, polarity: 0.1 } as const;

/** Negation: stopwords to BM25, but "who should NOT take it?" is answered by a sentence that says "not". */
const NEGATION = /\b(not|no|never|avoid|without|cannot)\b|n['’]t\b/i;

/** IDF mass of new terms at which a sentence counts as fully specific ("dizziness, nausea, and vomiting"). */
const SPECIFICITY_SATURATION = 25;

/**
 * How much a sentence says beyond restating the question: the IDF mass of its terms the question did not use.
 * "Like most treatments, ketamine comes with side effects" restates; "the most common side effects are
 * dizziness, nausea, and vomiting" answers.
 */
export function specificity(terms: QueryTerms, sentence: string, stats: TermStats): number {
  const asked = new Set([...terms.own, ...terms.expanded]);
  let mass = 0;
  for (const t of termSet(sentence)) if (!asked.has(t)) mass += stats.idf(t);
  return Math.min(1, mass / SPECIFICITY_SATURATION);
}

/** Terms of a question: the user's own and the synonym expansions (counted at half weight). */
export interface QueryTerms {
  /** The question as asked. */
  question: string;
  own: string[];
  expanded: string[];
}

export function queryTerms(query: string, expansions: string[]): QueryTerms {
  const own = [...new Set(contentTerms(query))];
  const expanded = [...new Set(contentTerms(expansions.join(' ')))].filter((t) => !own.includes(t));
  return { question: query, own, expanded };
}

/** Content terms of corpus sentences and headings, memoised (they are scored on every turn). */
const TERM_SETS = new Map<string, Set<string>>();
function termSet(text: string): Set<string> {
  let set = TERM_SETS.get(text);
  if (!set) {
    set = new Set(contentTerms(text));
    if (TERM_SETS.size < 5000) TERM_SETS.set(text, set);
  }
  return set;
}

/** IDF-weighted coverage of the question's terms by a sentence (and half credit for its heading). */
export function coverage(terms: QueryTerms, sentence: string, heading: string | undefined, stats: TermStats): number {
  const inSentence = termSet(sentence);
  const inHeading = termSet(heading ?? '');
  let total = 0;
  let got = 0;
  for (const t of terms.own) {
    const w = stats.idf(t);
    total += w;
    got += inSentence.has(t) ? w : inHeading.has(t) ? w / 2 : 0;
  }
  // Synonym expansions stand in for missing own terms at half credit, and never for more than is missing:
  // a sentence full of expansion words must not outrank one that has the user's own words.
  let bonus = 0;
  for (const t of terms.expanded) if (inSentence.has(t)) bonus += stats.idf(t) / 2;
  return total === 0 ? 0 : (got + Math.min(bonus, (total - got) / 2)) / total;
}

/**
 * Every sentence of the retrieved chunks, scored against the question. A sentence repeated by chunk overlap is
 * kept once, under its best-ranked chunk.
 */
export function scoreCandidates(
  retrieved: RetrievedChunk[],
  queryVector: number[],
  terms: QueryTerms,
  textVectors: Map<string, number[]>,
  stats: TermStats,
): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  const negatedQuestion = NEGATION.test(terms.question);
  retrieved.forEach(({ chunk }, chunkRank) => {
    const headingVector = chunk.section ? textVectors.get(chunk.section) : undefined;
    const headingSim = headingVector ? dot(queryVector, headingVector) : 0;
    for (const sentence of chunk.sentences) {
      const key = `${chunk.docId}\u0000${sentence.paragraph}\u0000${sentence.index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const vector = textVectors.get(sentence.text);
      const dense = vector ? dot(queryVector, vector) : 0;
      const cov = coverage(terms, sentence.text, chunk.section, stats);
      const spec = specificity(terms, sentence.text, stats);
      const score =
        SCORE_WEIGHTS.dense * dense +
        SCORE_WEIGHTS.coverage * cov +
        SCORE_WEIGHTS.heading * Math.max(0, headingSim) +
        SCORE_WEIGHTS.rank / (chunkRank + 1) +
        SCORE_WEIGHTS.specificity * spec +
        (negatedQuestion && NEGATION.test(sentence.text) ? SCORE_WEIGHTS.polarity : 0);
      out.push({ text: sentence.text, chunk, sentence, chunkRank, dense, coverage: cov, headingSim, specificity: spec, score });
    }
  });
  return out.sort((a, b) => b.score - a.score);
}
