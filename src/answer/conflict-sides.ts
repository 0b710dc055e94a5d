import type { RetrievalStack } from '../retrieval/stack.js';
import type { TermStats } from '../retrieval/term-stats.js';
import { scoreCandidates, type Candidate } from './candidates.js';
import type { QueryTerms } from './query-terms.js';
import { claimsFor, isNegated } from './conflicts.js';

/** Both sides of a contested claim, best sentence per article on each side. */
export interface ConflictSides {
  claim: string;
  affirm: Candidate[];
  deny: Candidate[];
}

/** Most articles shown per side. */
const PER_SIDE = 2;

/**
 * When the question is about a claim the articles state with opposite polarity, finds the sentences on each side
 * across the whole corpus (not just the top passages: a side must never be hidden by ranking).
 */
export function conflictSides(
  question: string,
  queryVector: number[],
  terms: QueryTerms,
  stack: RetrievalStack,
  stats: TermStats,
  /** Whether a sentence may be sent (the output guard's verdict). */
  sendable: (sentence: string) => boolean,
): ConflictSides | undefined {
  for (const claim of claimsFor(question)) {
    const holding = stack.data.chunks.filter((c) => c.sentences.some((s) => claim.sentence.test(s.text)));
    if (holding.length === 0) continue;
    const scored = scoreCandidates(
      holding.map((chunk) => ({ chunk, score: 0 })),
      queryVector,
      terms,
      stack.index.textVectors,
      stats,
    ).filter((c) => claim.sentence.test(c.text) && sendable(c.text));
    const side = (negated: boolean) => bestPerArticle(scored.filter((c) => isNegated(c.text) === negated)).slice(0, PER_SIDE);
    const affirm = side(false);
    const deny = side(true);
    if (affirm.length > 0 && deny.length > 0) return { claim: claim.id, affirm, deny };
  }
  return undefined;
}

function bestPerArticle(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates
    .sort((a, b) => b.dense + b.coverage - (a.dense + a.coverage))
    .filter((c) => (seen.has(c.chunk.docId) ? false : (seen.add(c.chunk.docId), true)));
}
