import type { TermStats } from '../retrieval/term-stats.js';
import { stem } from '../text/stem.js';
import { contentTerms, isStopword } from '../text/stopwords.js';
import { memoByText } from './memo.js';
import type { QueryTerms } from './query-terms.js';

/** Content terms of corpus sentences and headings (scored on every turn). */
const termSet = memoByText((text) => new Set(contentTerms(text)));

/**
 * Light verbs carry almost no topic ("who should not *take* it", "how is it *given*"): matching one must not make
 * an unrelated sentence ("…antidepressants that can take weeks") look like a full match. Forms that are stop words never
 * reach the question's terms and are filtered out.
 */
const LIGHT_VERBS = new Set(
  'take takes taking took taken gets getting give gives giving given gave make makes making made go goes going put keep let come need needs needed wants'
    .split(' ')
    .filter((w) => !isStopword(w))
    .map(stem),
);
const LIGHT_VERB_WEIGHT = 0.25;
/** IDF mass of a single fairly specific term (df ≈ 5 of 68 passages). */
const MIN_QUESTION_MASS = 2.5;

/** IDF-weighted coverage of the question's terms by a sentence (and half credit for its heading). */
export function coverage(terms: QueryTerms, sentence: string, heading: string | undefined, stats: TermStats): number {
  const inSentence = termSet(sentence);
  const inHeading = termSet(heading ?? '');
  let total = 0;
  let got = 0;
  for (const t of terms.own) {
    const w = stats.idf(t) * (LIGHT_VERBS.has(t) ? LIGHT_VERB_WEIGHT : 1);
    total += w;
    got += inSentence.has(t) ? w : inHeading.has(t) ? w / 2 : 0;
  }
  // Synonym expansions stand in for missing own terms at half credit, and never for more than is missing:
  // a sentence full of expansion words must not outrank one that has the user's own words.
  let bonus = 0;
  for (const t of terms.expanded) if (inSentence.has(t)) bonus += stats.idf(t) / 2;
  if (total === 0) return 0;
  // A question of only weak words ("who should not take it?") has little to cover: matching all of it must not
  // count as a full match, so the denominator never drops below one specific term's worth.
  const denominator = Math.max(total, MIN_QUESTION_MASS);
  return (got + Math.min(bonus, (denominator - got) / 2)) / denominator;
}

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

/**
 * The most specific question term that neither the unit (text, heading) nor its bank questions contain, as a share
 * of the highest possible IDF: "how much does it cost in *dollars*", "what is the *half-life*" — a key word the best
 * unit never mentions says the articles may not answer the question, however close the rest of it matches. Framing
 * words and light verbs are skipped (their absence says nothing).
 */
export function missingSpecific(
  terms: QueryTerms,
  texts: readonly string[],
  stats: TermStats,
  isFraming: (term: string) => boolean,
): number {
  const present = texts.map(termSet);
  const ceiling = stats.idf('\u0000');
  let worst = 0;
  for (const t of terms.own) {
    if (LIGHT_VERBS.has(t) || isFraming(t) || present.some((p) => p.has(t))) continue;
    worst = Math.max(worst, stats.idf(t) / ceiling);
  }
  return worst;
}
