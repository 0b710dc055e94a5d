import type { TermStats } from '../retrieval/term-stats.js';
import { stem } from '../text/stem.js';
import { isStopword } from '../text/stopwords.js';
import type { QueryTerms } from './query-terms.js';

/**
 * Words that frame a question rather than name what it is about; absent from the articles, but no signal. Stop words
 * never reach the question's terms, so none is listed ("tell", "know" are stop words).
 */
const QUESTION_FRAMING = new Set(
  `kind type sort exact exactly actual actually start started starting somebody someone something anything afterwards
  afterward stuff thing things version way ways else instead basically specifically generally normally honestly
  wonder wondering curious question questions ask asking happen happens happened article articles say says said
  explain learn info information detail details mention mentions source sources`
    .split(/\s+/)
    .filter((w) => w !== '' && !isStopword(w))
    .map(stem),
);

/**
 * IDF-weighted share of the question's own terms that the articles never use (in any close form) and no synonym
 * group recognises ("half-life", "urine", "Spravato"): the more of the question lies outside the articles'
 * vocabulary, the less an on-topic-looking passage can be trusted to answer it.
 */
export function outOfVocabularyShare(terms: QueryTerms, synonymMatched: readonly string[], stats: TermStats): number {
  const recognised = new Set([...synonymMatched, ...QUESTION_FRAMING]);
  // IDF weights: a word most passages use ("ketamine") says little about what is asked; a missing word says most.
  let total = 0;
  let missing = 0;
  for (const t of terms.own) {
    const w = stats.idf(t);
    total += w;
    if (stats.hasForm(t) || recognised.has(t)) continue;
    missing += w;
  }
  return total === 0 ? 0 : missing / total;
}
