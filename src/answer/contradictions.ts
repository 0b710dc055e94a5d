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
 * that ketamine is addictive" (7). A negation further away is about something else in the sentence.
 */
const NEGATION_SCOPE = 7;

/**
 * A claim term is specific: used in at most CLAIM_UNITS units (about one in twelve: "fda", "approv", "addict"), where
 * "ketamine", "depression" or "treatment" are in dozens and state no claim of their own.
 */
const CLAIM_UNITS = 8;
const specificIdf = (stats: TermStats) => Math.log(1 + (stats.chunkCount - CLAIM_UNITS + 0.5) / (CLAIM_UNITS + 0.5));

const stemmedWords = memoByText((text: string) => words(text).map((w) => ({ w, s: stem(w) })));

/** Words either side of the claim word that make up its phrase ("approved by the FDA": 2 away). */
const PHRASE_WINDOW = 3;
/** The stems around the claim word. */
function window(sentence: string, claim: string): { around: Set<string>; surface: string } {
  const tokens = stemmedWords(sentence);
  const at = tokens.findIndex((t) => t.s === claim);
  const around = new Set(tokens.slice(Math.max(0, at - PHRASE_WINDOW), at + PHRASE_WINDOW + 1).map((t) => t.s));
  around.delete(claim);
  return { around, surface: tokens[at]?.w ?? '' };
}

/**
 * Whether two sentences state the claim in the same phrase: a specific word shared around the claim word, or —
 * when the question asks about the claim alone (`bare`) — the very same word form ("addictive" / "addictive").
 */
function samePhrase(a: string, b: string, claim: string, stats: TermStats, bare: boolean): boolean {
  const wa = window(a, claim);
  const wb = window(b, claim);
  for (const t of wa.around) if (wb.around.has(t) && stats.has(t) && stats.idf(t) >= specificIdf(stats)) return true;
  return bare && wa.surface === wb.surface;
}

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
 * Finds a contradiction from the TEXT, not a table: the question's most specific term, which the best unit states, and that the articles state with opposite polarity — one article says "approved by the
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
  // The claim is what the question is most specifically about: its rarest own term(s), when rare enough. Synonym
  // expansions never make a claim ("schedule III" → "controlled substance" is not a question about substances).
  const own = terms.own.filter((t) => stats.has(t));
  const rarest = Math.max(...own.map((t) => stats.idf(t)));
  const claimTerms = own.filter((t) => stats.idf(t) === rarest && rarest >= specificIdf(stats));
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
    // A contradiction needs two DIFFERENT articles saying opposite things about the same thing (one article
    // hedging is not one): the claim word in the same phrase ("approved by the FDA" / "not approved by the FDA").
    // A question about nothing but the claim ("Is ketamine addictive?") may also match the bare word form.
    const only = own.filter((t) => stats.idf(t) >= specificIdf(stats)).length === 1;
    const opposed = affirm.some((a) =>
      deny.some(
        (d) => d.unit.docId !== a.unit.docId && samePhrase(a.sentence.text, d.sentence.text, claim, stats, only),
      ),
    );
    if (opposed) return { claim, affirm, deny };
  }
  return undefined;
}
