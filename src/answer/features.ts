import type { Chunk } from '../corpus/chunk.js';
import type { TermStats } from '../retrieval/term-stats.js';
import type { UnitSearch, UnitSearchResult, UnitSignals } from '../retrieval/unit-search.js';
import type { NotCoveredSignals } from '../retrieval/not-covered-signals.js';
import { isFramingTerm, outOfVocabularyCount, outOfVocabularyShare } from './answerability.js';
import { focusText } from './focus.js';
import { queryTerms, type QueryTerms } from './query-terms.js';
import { coverage, missingSpecific, specificity } from './term-features.js';
import { contentShare, keptShare, sectionPlaces } from './framing-features.js';
import type { ChunkSentence } from '../corpus/chunk.js';
import { trimUnit, type TrimContext } from './trim.js';
import { INTENT_FEATURE_NAMES } from './intent-features.js';

/**
 * The ranker's features, in order. Bumping the list (or what one means) makes every weights file stale.
 * Per unit: match signals, their per-query ranks and gaps to the query's best; per query: length, out-of-vocabulary
 * share and the best signals (what lets one pointwise model also say "no unit answers this").
 */
export const FEATURE_NAMES = [
  'bank_max',
  'bank_top2',
  'sentence_max',
  'heading',
  'bm25_bank',
  'bm25_unit',
  'rr_bank_dense',
  'rr_sentence',
  'rr_bm25_bank',
  'rr_bm25_unit',
  'gap_bank',
  'gap_sentence',
  'coverage',
  'coverage_bank',
  'specificity',
  'votes_bank_dense',
  'votes_bank_bm25',
  'query_terms_log',
  'oov_share',
  'query_best_bank',
  'query_best_sentence',
  'query_best_bm25_bank',
  'previous_unit',
  'previous_section',
  'bank_mean',
  'sentence_mean',
  'gap_bank_mean',
  'missing_specific',
  'oov_count',
  'section_position',
  'last_section',
  'content_share',
  'trimmed_content_share',
  'kept_share',
] as const;

/**
 * Everything the ranker reads of a candidate: the search features, then the unit classifier's (intent-features.ts).
 * The training cache keys on FEATURE_NAMES alone, because the intent features are appended after the unit search.
 */
export const RANKER_FEATURE_NAMES = [...FEATURE_NAMES, ...INTENT_FEATURE_NAMES] as const;

/** Previous turn context for a follow-up: the units it answered from. */
export interface PreviousTurn {
  unitIds: readonly string[];
}

/** One (question, unit) pair with its feature vector. */
export interface RankCandidate {
  unit: Chunk;
  signals: UnitSignals;
  features: number[];
  /** The query's closeness to the not-covered bank (query-level: the same object on every candidate). */
  notCovered: NotCoveredSignals;
}

/**
 * Units taken as candidates: the top CANDIDATE_DEPTH of any of the four rankings. 10 of 99 units: on the dev set
 * the right unit is in this pool for all but a handful of answerable questions, and the pool keeps training small.
 */
export const CANDIDATE_DEPTH = 10;

function ranksBy(signals: UnitSignals[], key: (s: UnitSignals) => number): Map<UnitSignals, number> {
  const sorted = [...signals].sort((a, b) => key(b) - key(a));
  return new Map(sorted.map((s, i) => [s, key(s) > 0 || i === 0 ? i : signals.length]));
}

/** Feature vectors of the candidate units of one query. */
export function candidateFeatures(
  result: UnitSearchResult,
  terms: QueryTerms,
  stats: TermStats,
  previous?: PreviousTurn,
  /** The unit's bank questions joined (its lay vocabulary), for the bank-coverage feature. */
  bankText: (unit: Chunk) => string = () => '',
  /** What the trimmer would show of a unit (its whole text when not given). */
  trim: (unit: Chunk) => ChunkSentence[] = (unit) => unit.sentences,
): RankCandidate[] {
  const { signals } = result;
  const ranks = [
    ranksBy(signals, (s) => s.bankMax),
    ranksBy(signals, (s) => s.sentMax),
    ranksBy(signals, (s) => s.bm25Bank),
    ranksBy(signals, (s) => s.bm25Unit),
  ];
  const best = (key: (s: UnitSignals) => number) => signals.reduce((m, s) => Math.max(m, key(s)), -1);
  const bestBank = best((s) => s.bankMax);
  const bestSentence = best((s) => s.sentMax);
  const bestBankMean = best((s) => s.bankMean);
  const maxBm25Bank = Math.max(
    1e-9,
    best((s) => s.bm25Bank),
  );
  const maxBm25Unit = Math.max(
    1e-9,
    best((s) => s.bm25Unit),
  );
  const oov = outOfVocabularyShare(terms, result.synonymMatched, stats);
  const termsLog = Math.log1p(terms.own.length);
  const oovCount = outOfVocabularyCount(terms, result.synonymMatched, stats);
  const anyBm25Bank = best((s) => s.bm25Bank) > 0 ? 1 : 0;
  const prevUnits = new Set(previous?.unitIds ?? []);
  const prevSections = new Set(
    signals.filter((s) => prevUnits.has(s.unit.id)).map((s) => `${s.unit.docId}\u0000${s.unit.section}`),
  );
  const places = sectionPlaces(signals.map((s) => s.unit));
  const out: RankCandidate[] = [];
  for (const s of signals) {
    const r = ranks.map((m) => m.get(s) as number);
    if (r.every((x) => x >= CANDIDATE_DEPTH) && !prevUnits.has(s.unit.id)) continue;
    const framing = (unit: Chunk) => {
      const place = places.get(unit.id) ?? { position: 0, last: 0 };
      const kept = trim(unit);
      const keptText = kept.map((k) => k.text).join(' ');
      return [
        place.position,
        place.last,
        contentShare(terms, unit.text, stats),
        contentShare(terms, keptText, stats),
        keptShare(unit, kept),
      ];
    };
    const features = [
      s.bankMax,
      s.bankTop2,
      s.sentMax,
      s.heading,
      s.bm25Bank / maxBm25Bank,
      s.bm25Unit / maxBm25Unit,
      ...r.map((x) => 1 / (1 + x)),
      s.bankMax - bestBank,
      s.sentMax - bestSentence,
      coverage(terms, s.unit.text, s.unit.section, stats),
      coverage(terms, bankText(s.unit), undefined, stats),
      specificity(terms, s.unit.text, stats),
      s.bankVotesDense,
      s.bankVotesBm25,
      termsLog,
      oov,
      bestBank,
      bestSentence,
      anyBm25Bank,
      prevUnits.has(s.unit.id) ? 1 : 0,
      prevSections.has(`${s.unit.docId}\u0000${s.unit.section}`) ? 1 : 0,
      s.bankMean,
      s.sentMean,
      s.bankMean - bestBankMean,
      missingSpecific(terms, [s.unit.text, s.unit.section ?? '', bankText(s.unit)], stats, isFramingTerm),
      oovCount,
      ...framing(s.unit),
    ];
    out.push({ unit: s.unit, signals: s, features, notCovered: result.notCovered });
  }
  return out;
}

/** The trimmer's sentence budget behind the trimmed-content features: ANSWER_MAX_SENTENCES' default (4). */
const FEATURE_TRIM_MAX = 4;

/** Options for {@link questionCandidates}. */
export interface QuestionCandidatesOptions {
  previous?: PreviousTurn;
  /** Precomputed query vector (training on bank questions reads it from the index). */
  vector?: number[];
  /** Bank question left out of the bank signals (leave-the-question's-own-vector-out). */
  exclude?: number;
  /** Not-covered question left out of the not-covered signals (training on the not-covered bank). */
  excludeNotCovered?: number;
}

/** Searches the units for the asking part of a message and returns the candidates with their features. */
export async function questionCandidates(
  search: UnitSearch,
  stats: TermStats,
  question: string,
  options: QuestionCandidatesOptions = {},
): Promise<{ candidates: RankCandidate[]; queryVector: number[]; terms: QueryTerms }> {
  const focus = focusText(question);
  const result = await search.search(focus, {
    vector: options.vector,
    exclude: options.exclude,
    excludeNotCovered: options.excludeNotCovered,
  });
  const terms = queryTerms(focus, result.expansions);
  const bankText = (unit: Chunk) => search.bankTexts(unit.id, options.exclude).join(' \n ');
  // What the answer would show of each unit: the trimmer with the answer's default sentence budget (the output
  // guard's verdict is the answerer's business; here every sentence counts as sendable).
  const ctx: TrimContext = {
    queryVector: result.queryVector,
    terms,
    textVectors: search.textVectors,
    stats,
    sendable: () => true,
  };
  const trim = (unit: Chunk) => trimUnit(unit, ctx, FEATURE_TRIM_MAX);
  return {
    candidates: candidateFeatures(result, terms, stats, options.previous, bankText, trim),
    queryVector: result.queryVector,
    terms,
  };
}
