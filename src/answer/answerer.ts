import { LRUCache } from 'lru-cache';
import type { Citation } from '../core/reply.js';
import type { RetrievalStack } from '../retrieval/stack.js';
import { TermStats } from '../retrieval/term-stats.js';
import type { OutputGuard } from '../safety/types.js';
import { requiredAnswerTypes } from './answer-types.js';
import { cite, listItems, renderSegments, unitStarts, type ChosenPart } from './citations.js';
import { findContradiction } from './contradictions.js';
import { questionCandidates, type PreviousTurn, type RankCandidate } from './features.js';
import type { QueryTerms } from './query-terms.js';
import type { Ranker } from './ranker.js';
import { jaccard } from './similarity.js';
import { SuggestionBank } from './suggestions.js';
import { trimUnit, type TrimContext } from './trim.js';
import { articleTexts, verifyCitations, type ArticleTexts } from './verify.js';

/** Options for {@link Answerer}. */
export interface AnswererOptions {
  /** Most prose sentences per unit in the answer (1–4); a list unit is always whole. */
  maxSentences: number;
  /** Overrides the ranker's cross-validated no-answer threshold (tests only). */
  minConfidence?: number;
  /** PUBLIC_BASE_URL: makes citation urls absolute. */
  publicBaseUrl?: string;
  /**
   * Answers remembered (LRU) by question, previous units and options: an answer depends on nothing else (corpus,
   * index and weights are fixed for the process), so a repeated question skips search, ranking and trimming.
   * Default 500 (a few hundred KB; the bench's repeated-question phase needs one).
   */
  memoSize?: number;
}

/** Options of one {@link Answerer.answer} call. */
export interface AnswerCallOptions extends Partial<AnswererOptions> {
  /** The previous turn's answer units, for a follow-up. */
  previous?: PreviousTurn;
}

/** An extractive answer (or an honest abstention) before channel rendering. */
export interface ComposedAnswer {
  kind: 'answer' | 'no_answer';
  /** Markdown with `[n]` markers (no footer). */
  text: string;
  citations: Citation[];
  suggestions: string[];
  /** The answerability model's probability that the articles answer the question. */
  confidence: number;
  /** Set (to the stemmed claim term) when the answer shows both sides of a point the articles disagree on. */
  disagreement?: string;
  /** Candidate sentences the output guard refused. */
  guardRemoved: number;
}

/** A ranked candidate with the ranker's probability. */
export interface ScoredCandidate extends RankCandidate {
  probability: number;
  /** Ranking score (only comparable within one question). */
  score: number;
}

export const NO_ANSWER_TEXT =
  "The articles I answer from don't cover that, so I can't give you a reliable answer. " +
  'A clinician can help with questions beyond them. Here are related questions the articles do answer.';

export const DISAGREEMENT_NOTE = '**The articles disagree on this.** Here is what each says:';

/** Two units whose texts share at least this token Jaccard say the same thing (the articles repeat themselves). */
const NEAR_DUPLICATE = 0.5;

/** Ranks answer units with the learned ranker, answers from the best one (trimmed), cites and verifies every quote. */
export class Answerer {
  readonly suggestions: SuggestionBank;
  private readonly stats: TermStats;
  private readonly texts: ArticleTexts;
  /** Corpus sentences the output guard refuses, checked once here instead of on every turn. */
  private readonly blocked: ReadonlySet<string>;
  private readonly memo: LRUCache<string, ComposedAnswer>;

  constructor(
    private readonly stack: RetrievalStack,
    guard: OutputGuard,
    private readonly ranker: Ranker,
    private readonly options: AnswererOptions,
  ) {
    this.stats = new TermStats(stack.data.chunks);
    this.memo = new LRUCache({ max: options.memoSize ?? 500 });
    this.texts = articleTexts(stack.data.articles);
    this.suggestions = new SuggestionBank(stack.data.chunks, stack.index.textVectors);
    this.blocked = new Set(
      stack.data.chunks
        .flatMap((c) => c.sentences.map((s) => s.text))
        .filter((text) => guard.check(text) !== undefined),
    );
  }

  /** Term statistics of the corpus (shared with the safety policy's on-topic check). */
  get termStats(): TermStats {
    return this.stats;
  }

  /** The ranker's no-answer threshold (cross-validated) unless overridden. */
  get threshold(): number {
    return this.options.minConfidence ?? this.ranker.weights.noAnswerThreshold;
  }

  /** Every candidate unit of a question with its features and probability, best first (training reuses this). */
  async rank(
    question: string,
    options: { previous?: PreviousTurn; vector?: number[]; exclude?: number } = {},
  ): Promise<{ candidates: ScoredCandidate[]; queryVector: number[]; terms: QueryTerms }> {
    const found = await questionCandidates(this.stack.units, this.stats, question, options);
    const extra = this.ranker.extraFeatures(found.queryVector);
    const candidates = found.candidates
      .map((c) => {
        const features = [...c.features, ...extra(c.unit.id)];
        return { ...c, features, probability: this.ranker.probability(features), score: this.ranker.score(features) };
      })
      .sort((a, b) => b.score - a.score);
    return { candidates, queryVector: found.queryVector, terms: found.terms };
  }

  async answer(question: string, call: AnswerCallOptions = {}): Promise<ComposedAnswer> {
    const options = { ...this.options, ...call };
    const key = JSON.stringify([question, call.previous?.unitIds ?? [], options.maxSentences, options.minConfidence]);
    const hit = this.memo.get(key);
    // Copies: a caller may rework the arrays of its answer, never those of the next caller's.
    if (hit) return { ...hit, citations: [...hit.citations], suggestions: [...hit.suggestions] };
    const answer = await this.compose(question, options, call.previous);
    this.memo.set(key, answer);
    return { ...answer, citations: [...answer.citations], suggestions: [...answer.suggestions] };
  }

  private async compose(
    question: string,
    options: AnswererOptions,
    previous: PreviousTurn | undefined,
  ): Promise<ComposedAnswer> {
    const call = { previous };
    const { candidates: all, queryVector, terms } = await this.rank(question, { previous: call.previous });
    const sendable = (text: string) => !this.blocked.has(text);
    const guardRemoved =
      all.length === 0 ? 0 : (all[0] as ScoredCandidate).unit.sentences.filter((s) => !sendable(s.text)).length;
    // A question asking for a name, a year, an amount or a percentage is only answered by a unit that has one.
    const types = requiredAnswerTypes(terms.question);
    const candidates = all.filter((c) =>
      c.unit.sentences.some((s) => sendable(s.text) && types.every((t) => t.sentence.test(s.text))),
    );
    const best = candidates[0];
    const confidence = best ? this.ranker.answerability(candidates) : 0;
    const noAnswer = (): ComposedAnswer => ({
      kind: 'no_answer',
      text: NO_ANSWER_TEXT,
      citations: [],
      suggestions: this.suggestions.nearest(queryVector, 3, new Set(), question),
      confidence,
      guardRemoved,
    });
    if (!best || confidence < (options.minConfidence ?? this.ranker.weights.noAnswerThreshold)) return noAnswer();

    const ctx: TrimContext = {
      queryVector,
      terms,
      textVectors: this.stack.index.textVectors,
      stats: this.stats,
      sendable,
    };
    const contradiction = findContradiction(terms, best.unit, this.stack.data.chunks, this.stats, sendable);
    let parts: ChosenPart[];
    let denyFrom = -1;
    if (contradiction) {
      const side = (list: typeof contradiction.affirm) => list.map((c) => ({ unit: c.unit, sentences: [c.sentence] }));
      parts = [...side(contradiction.affirm), ...side(contradiction.deny)];
      denyFrom = contradiction.affirm.length;
    } else {
      parts = [{ unit: best.unit, sentences: trimUnit(best.unit, ctx, options.maxSentences) }];
      const second = options.maxSentences >= 3 ? this.secondUnit(candidates, best) : undefined;
      if (second) parts.push({ unit: second.unit, sentences: trimUnit(second.unit, ctx, options.maxSentences) });
    }
    const { segments, citations } = cite(
      parts.filter((p) => p.sentences.length > 0),
      this.options.publicBaseUrl,
    );
    const verified = verifyCitations(segments, citations, this.texts);
    if (verified.segments.length === 0) return noAnswer();

    const bullets = listItems(parts);
    const starts = unitStarts(parts);
    let text = renderSegments(verified.segments, bullets, starts);
    let disagreement: string | undefined;
    if (contradiction) {
      // Affirming sentences come first; the note is only true while both sides survived verification.
      const denyTexts = new Set(parts.slice(denyFrom).flatMap((p) => p.sentences.map((s) => s.text)));
      const firstDeny = verified.segments.findIndex((s) => denyTexts.has(s.sentence));
      if (firstDeny > 0) {
        const affirmText = renderSegments(verified.segments.slice(0, firstDeny), bullets);
        const denyText = renderSegments(verified.segments.slice(firstDeny), bullets);
        text = `${DISAGREEMENT_NOTE}\n\n${affirmText}\n\n${denyText}`;
        disagreement = contradiction.claim;
      }
    }
    const usedHeadings = new Set(parts.map((p) => p.unit.section).filter((h): h is string => h !== undefined));
    return {
      kind: 'answer',
      text,
      citations: verified.citations,
      suggestions: this.suggestions.nearest(queryVector, 2, usedHeadings, question),
      confidence,
      disagreement,
      guardRemoved,
    };
  }

  /**
   * At most one more unit: the best candidate from ANOTHER article, only when the ranker is confident it answers
   * too (its dev-chosen threshold) and it is not a near-duplicate of the first.
   */
  private secondUnit(candidates: ScoredCandidate[], best: ScoredCandidate): ScoredCandidate | undefined {
    const min = this.ranker.weights.secondUnitThreshold;
    return candidates.find(
      (c) =>
        c.unit.docId !== best.unit.docId &&
        c.probability >= min &&
        jaccard(c.unit.text, best.unit.text) < NEAR_DUPLICATE,
    );
  }
}
