import type { TermStats } from '../retrieval/term-stats.js';
import { NO_NOT_COVERED, type NotCoveredSignals } from '../retrieval/not-covered-signals.js';
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
  const { total, missing } = outOfVocabulary(terms, synonymMatched, stats);
  return total === 0 ? 0 : missing / total;
}

/**
 * How many of the question's own terms the articles never use and no synonym group recognises, as log(1 + n): the
 * share alone is diluted in a long question ("can you take ketamine together with lithium for bipolar" has two).
 */
export function outOfVocabularyCount(terms: QueryTerms, synonymMatched: readonly string[], stats: TermStats): number {
  return Math.log1p(outOfVocabulary(terms, synonymMatched, stats).count);
}

function outOfVocabulary(terms: QueryTerms, synonymMatched: readonly string[], stats: TermStats) {
  const recognised = new Set([...synonymMatched, ...QUESTION_FRAMING]);
  // IDF weights: a word most passages use ("ketamine") says little about what is asked; a missing word says most.
  let total = 0;
  let missing = 0;
  let count = 0;
  for (const t of terms.own) {
    const w = stats.idf(t);
    total += w;
    if (stats.hasForm(t) || recognised.has(t)) continue;
    missing += w;
    count++;
  }
  return { total, missing, count };
}

/** Whether a term only frames a question ("wondering", "exactly"), so its absence from a passage says nothing. */
export const isFramingTerm = (term: string) => QUESTION_FRAMING.has(term);

/** Query-level features of the answerability model (is any unit an answer?), from the ranked candidates. */
export const ANSWERABILITY_FEATURES = [
  'top_probability',
  'top_share',
  'oov_share',
  'best_bank',
  'best_sentence',
  'bm25_bank_raw_log',
  'bm25_unit_raw_log',
  'query_terms_log',
  'top_coverage',
  'top_coverage_bank',
  'top_missing',
  'oov_count',
  'nc_dense_max',
  'nc_dense_top_mean',
  'nc_margin',
  'nc_bm25_log',
] as const;
/** Answerability features appended when the ranker reads the unit classifier (its feature names include them). */
export const INTENT_ANSWERABILITY_FEATURES = ['intent_max', 'intent_entropy', 'top_intent_p'] as const;

/** The answerability feature list of a ranker over `featureNames`. */
export const answerabilityNames = (featureNames: readonly string[]): readonly string[] =>
  featureNames.includes('intent_max')
    ? [...ANSWERABILITY_FEATURES, ...INTENT_ANSWERABILITY_FEATURES]
    : ANSWERABILITY_FEATURES;

/** What the answerability features read of a ranked candidate. */
export interface RankedLike {
  features: number[];
  probability: number;
  score: number;
  signals: { bm25Bank: number; bm25Unit: number };
  /** The query's closeness to the not-covered bank (none: as far from it as can be). */
  notCovered?: NotCoveredSignals;
}

/**
 * Features of the question as a whole, from its candidates ranked best first: how sure the ranker is of the top
 * unit (probability, and its softmax share of the listwise scores), and how well ANYTHING matched — raw BM25
 * levels (the ranker only sees them normalised per query), best cosines, out-of-vocabulary share — and how close
 * it is to the questions the articles do NOT answer (best and top-k cosine, margin of the best answer-bank cosine
 * over the best not-covered one, raw BM25 as log(1 + x) like the bank's).
 */
export function answerabilityFeatures(ranked: RankedLike[], featureNames: readonly string[]): number[] {
  const top = ranked[0];
  if (!top) return answerabilityNames(featureNames).map(() => 0);
  // A feature the list lacks (or a row without it) reads 0: a constant the answerability model ignores.
  const f = (name: string) => top.features[featureNames.indexOf(name)] ?? 0;
  const max = Math.max(...ranked.map((c) => c.score));
  const z = ranked.reduce((s, c) => s + Math.exp(c.score - max), 0);
  const nc = top.notCovered ?? NO_NOT_COVERED;
  return [
    top.probability,
    1 / z,
    f('oov_share'),
    f('query_best_bank'),
    f('query_best_sentence'),
    Math.log1p(Math.max(...ranked.map((c) => c.signals.bm25Bank))),
    Math.log1p(Math.max(...ranked.map((c) => c.signals.bm25Unit))),
    f('query_terms_log'),
    f('coverage'),
    f('coverage_bank'),
    f('missing_specific'),
    f('oov_count'),
    nc.denseMax,
    nc.denseTopMean,
    f('query_best_bank') - nc.denseMax,
    Math.log1p(nc.bm25Max),
    // With the unit classifier: its certainty that some unit is meant, and its probability of the ranker's top unit.
    ...(featureNames.includes('intent_max') ? [f('intent_max'), f('intent_entropy'), f('intent_p')] : []),
  ];
}
