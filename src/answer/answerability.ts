import type { TermStats } from '../retrieval/term-stats.js';
import { stem } from '../retrieval/text.js';
import type { Candidate } from './candidates.js';
import type { QueryTerms } from './query-terms.js';

/**
 * Questions that ask for a specific kind of fact. When no candidate sentence holds that kind of fact, the articles
 * do not answer the question, however close the topic ("Who first made ketamine?" vs "Ketamine is a medicine that
 * was first made for surgeries").
 */
const ANSWER_TYPES: { id: string; question: RegExp; sentence: RegExp }[] = [
  {
    id: 'person',
    question: /\bwho\b.{0,40}\b(invent|discover|creat|first (made|make|synthes|develop|produc)|develop|synthes|came up with|patent)/i,
    // A name: two capitalised words in a row that are not the sentence's first word.
    sentence: /(?<!^)\b(?:Dr\.\s+)?[A-Z][a-z]+\s+[A-Z][a-z]+\b/,
  },
  {
    id: 'year',
    question: /\b(what|which) year\b|\bwhen (was|were|did)\b.{0,40}\b(invent|discover|creat|first|develop|synthes|approv|ban)/i,
    sentence: /\b(1[89]\d\d|20\d\d)s?\b/,
  },
  {
    id: 'amount',
    question: /\bhow (much|many dollars)\b.{0,30}\b(cost|price|charge|pay)\b.*\b(dollars?|exactly|\$)|\bin dollars\b|\bexact (price|cost)\b|\bprice (tag|list)\b/i,
    sentence: /[$€£]\s?\d|\b\d[\d,.]*\s?(dollars|usd|euros?)\b/i,
  },
  {
    id: 'percentage',
    question: /\b(what|which) (percent(age)?|proportion|fraction)\b|\bsuccess rate\b|\bremission rate\b|\bhow many (percent|out of)\b/i,
    sentence: /\d\s?(%|percent)|\b\d+ (in|out of) \d+\b/i,
  },
];

/** Answer types the question asks for (usually none). */
export function requiredAnswerTypes(question: string): { id: string; sentence: RegExp }[] {
  return ANSWER_TYPES.filter((t) => t.question.test(question));
}

/** Words that frame a question rather than name what it is about; absent from the articles, but no signal. */
const QUESTION_FRAMING = new Set(
  `kind type sort exact exactly actual actually start started starting somebody someone something anything afterwards
  afterward stuff thing things version way ways else instead basically specifically generally normally honestly
  wonder wondering curious question questions ask asking happen happens happened article articles say says said
  tell explain know learn info information detail details mention mentions source sources`
    .split(/\s+/)
    .filter(Boolean)
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

/** Weights of the answer confidence; calibrated by `npm run retrieval:eval -- --calibrate`. */
export const CONFIDENCE_WEIGHTS = { dense: 0.7, coverage: 0.3, oov: 1.0 } as const;

/** 0–1 confidence that `best` answers the question. */
export function confidence(best: Candidate | undefined, oovShare: number): number {
  if (!best) return 0;
  const raw = CONFIDENCE_WEIGHTS.dense * best.dense + CONFIDENCE_WEIGHTS.coverage * best.coverage - CONFIDENCE_WEIGHTS.oov * oovShare;
  return Math.max(0, Math.min(1, raw));
}
