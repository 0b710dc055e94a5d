import type { Chunk, ChunkSentence } from '../corpus/chunk.js';
import { dot } from '../core/vector.js';
import type { RetrievedChunk } from '../retrieval/hybrid.js';
import type { TermStats } from '../retrieval/term-stats.js';
import { hasNegation } from '../text/negation.js';
import type { QueryTerms } from './query-terms.js';
import { answerTypeMatches } from './answer-types.js';
import { bigrams, defines, phraseOverlap } from './shape-features.js';
import { coverage, specificity } from './term-features.js';

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
export const SCORE_WEIGHTS = { dense: 0.45, coverage: 0.35, heading: 0.1, rank: 0.05, specificity: 0.12, polarity: 0.1, phrase: 0.05, definition: 0.08, answerType: 0.08 } as const;


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
  // Negations are stop words to BM25, but "who should NOT take it?" is answered by a sentence that says "not".
  const negatedQuestion = hasNegation(terms.question);
  const questionPairs = bigrams(terms.question);
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
        (negatedQuestion && hasNegation(sentence.text) ? SCORE_WEIGHTS.polarity : 0) +
        SCORE_WEIGHTS.phrase * phraseOverlap(questionPairs, sentence.text) +
        (defines(terms, sentence.text) ? SCORE_WEIGHTS.definition : 0) +
        SCORE_WEIGHTS.answerType * answerTypeMatches(terms.question, sentence.text);
      out.push({ text: sentence.text, chunk, sentence, chunkRank, dense, coverage: cov, headingSim, specificity: spec, score });
    }
  });
  return out.sort((a, b) => b.score - a.score);
}
