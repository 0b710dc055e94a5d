import type { Chunk, ChunkSentence } from '../corpus/chunk.js';
import type { TermStats } from '../retrieval/term-stats.js';
import { NEGATIONS } from '../text/negation.js';
import { stem } from '../text/stem.js';
import { words } from '../text/tokenize.js';
import { memoByText } from './memo.js';
import type { QueryTerms } from './query-terms.js';

/** One sentence on one side of a contested claim. */
export interface ClaimSentence {
  unit: Chunk;
  sentence: ChunkSentence;
}

/** Both sides of a claim the articles state with opposite polarity. */
export interface Contradiction {
  /** The stemmed claim term ("approv", "addict"). */
  claim: string;
  affirm: ClaimSentence[];
  deny: ClaimSentence[];
}

const NEGATION_WORDS = new Set(NEGATIONS);
/**
 * Words between a negation and the claim term it denies: "does not currently approve" (3), "no evidence to suggest
 * that ketamine is addictive" (6). A negation further away is about something else in the sentence.
 */
const NEGATION_SCOPE = 6;

const stemmedWords = memoByText((text: string) => words(text).map((w) => ({ w, s: stem(w) })));

/** The polarity of `sentence` about `term`: 'deny' (a negation shortly before it), 'affirm' (no negation at all). */
function polarity(sentence: string, term: string): 'affirm' | 'deny' | undefined {
  const tokens = stemmedWords(sentence);
  const at = tokens.findIndex((t) => t.s === term);
  if (at < 0) return undefined;
  const negatedAt = tokens.findIndex((t) => NEGATION_WORDS.has(t.w));
  if (negatedAt < 0) return 'affirm';
  return negatedAt < at && at - negatedAt <= NEGATION_SCOPE ? 'deny' : undefined;
}

/**
 * Finds a contradiction from the TEXT, not a table: a specific term of the question (or a synonym expansion) that
 * the best unit states, and that the articles state with opposite polarity — one article says "approved by the
 * FDA", another "not approved by the FDA" — in different articles. The whole corpus is searched, so ranking can
 * never hide a side. Sides keep the best-ranked unit's sentence first, then one sentence per other article.
 */
export function findContradiction(
  terms: QueryTerms,
  best: Chunk,
  units: Chunk[],
  stats: TermStats,
  sendable: (sentence: string) => boolean,
): Contradiction | undefined {
  const claimTerms = [...terms.own, ...terms.expanded].filter((t) => stats.isSpecific(t) && stats.has(t));
  for (const claim of claimTerms) {
    if (!best.sentences.some((s) => polarity(s.text, claim) !== undefined)) continue;
    const affirm: ClaimSentence[] = [];
    const deny: ClaimSentence[] = [];
    const ordered = [best, ...units.filter((u) => u !== best)];
    for (const unit of ordered) {
      for (const sentence of unit.sentences) {
        if (!sendable(sentence.text)) continue;
        const side = polarity(sentence.text, claim);
        const list = side === 'affirm' ? affirm : side === 'deny' ? deny : undefined;
        if (list && !list.some((c) => c.unit.docId === unit.docId)) list.push({ unit, sentence });
      }
    }
    const docs = (side: ClaimSentence[]) => new Set(side.map((c) => c.unit.docId));
    const a = docs(affirm);
    const d = docs(deny);
    // A contradiction needs an article on each side that the other side does not include.
    if ([...a].some((x) => !d.has(x)) && [...d].some((x) => !a.has(x))) return { claim, affirm, deny };
  }
  return undefined;
}
