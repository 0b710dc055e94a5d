import type { Citation } from '../core/reply.js';
import type { RetrievalStack } from '../retrieval/stack.js';
import { TermStats } from '../retrieval/term-stats.js';
import type { OutputGuard } from '../safety/types.js';
import { confidence, outOfVocabularyShare } from './answerability.js';
import { requiredAnswerTypes } from './answer-types.js';
import { scoreCandidates, type Candidate } from './candidates.js';
import { queryTerms } from './query-terms.js';
import { cite, renderSegments } from './citations.js';
import { conflictSides } from './conflict-sides.js';
import { readingOrder, selectSentences } from './select.js';
import { SuggestionBank } from './suggestions.js';
import { articleTexts, verifyCitations, type ArticleTexts } from './verify.js';
import { withAntecedents } from './antecedents.js';

/** Options for {@link Answerer}. */
export interface AnswererOptions {
  /** Passages retrieved per question. */
  topK: number;
  /** Most sentences per answer (1–4). */
  maxSentences: number;
  /** Confidence below which the answer is `no_answer`. */
  minConfidence: number;
}

/** An extractive answer (or an honest abstention) before channel rendering. */
export interface ComposedAnswer {
  kind: 'answer' | 'no_answer';
  /** Markdown with `[n]` markers (no footer). */
  text: string;
  citations: Citation[];
  suggestions: string[];
  confidence: number;
  /** Set when the answer shows both sides of a point the articles disagree on. */
  disagreement?: string;
  /** Candidate sentences the output guard refused. */
  guardRemoved: number;
}

export const NO_ANSWER_TEXT =
  "The articles I answer from don't cover that, so I can't give you a reliable answer. " +
  'A clinician can help with questions beyond them. Here are related questions the articles do answer.';

export const DISAGREEMENT_NOTE = '**The articles disagree on this.** Here is what each says:';

/** Picks verbatim sentences that answer a question, cites them, and verifies every quote. */
export class Answerer {
  readonly suggestions: SuggestionBank;
  private readonly stats: TermStats;
  private readonly texts: ArticleTexts;
  /** Corpus sentences the output guard refuses, checked once here instead of on every turn. */
  private readonly blocked: ReadonlySet<string>;

  constructor(
    private readonly stack: RetrievalStack,
    guard: OutputGuard,
    private readonly options: AnswererOptions,
  ) {
    this.stats = new TermStats(stack.data.chunks);
    this.texts = articleTexts(stack.data.articles);
    this.suggestions = new SuggestionBank(stack.data.chunks, stack.index.textVectors);
    this.blocked = new Set(
      stack.data.chunks.flatMap((c) => c.sentences.map((s) => s.text)).filter((text) => guard.check(text) !== undefined),
    );
  }

  /** Term statistics of the corpus (shared with the safety policy's on-topic check). */
  get termStats(): TermStats {
    return this.stats;
  }

  async answer(question: string, overrides: Partial<AnswererOptions> = {}): Promise<ComposedAnswer> {
    const options = { ...this.options, ...overrides };
    const { results, queryVector, expansions, synonymMatched } = await this.stack.retriever.retrieve(question, { k: options.topK });
    const terms = queryTerms(question, expansions);
    let guardRemoved = 0;
    const all = scoreCandidates(results, queryVector, terms, this.stack.index.textVectors, this.stats).filter((c) => {
      const unsafe = this.blocked.has(c.text);
      if (unsafe) guardRemoved++;
      return !unsafe;
    });
    const types = requiredAnswerTypes(question);
    const candidates = all.filter((c) => types.every((t) => t.sentence.test(c.text)));
    const conf = confidence(candidates[0], outOfVocabularyShare(terms, synonymMatched, this.stats));

    const noAnswer = (): ComposedAnswer => ({
      kind: 'no_answer',
      text: NO_ANSWER_TEXT,
      citations: [],
      suggestions: this.suggestions.nearest(queryVector, 3, new Set(), question),
      confidence: conf,
      guardRemoved,
    });
    if (conf < options.minConfidence) return noAnswer();

    const sides = conflictSides(question, queryVector, terms, this.stack, this.stats, (text) => !this.blocked.has(text));
    let chosen: Candidate[];
    let disagreement: string | undefined;
    if (sides) {
      chosen = [...sides.affirm, ...sides.deny];
      disagreement = sides.claim;
    } else {
      chosen = readingOrder(withAntecedents(selectSentences(candidates, options), options.maxSentences));
    }
    const { segments, citations } = cite(chosen);
    const verified = verifyCitations(segments, citations, this.texts);
    if (verified.segments.length === 0) return noAnswer();

    let text = renderSegments(verified.segments);
    if (disagreement && sides) {
      // Affirming sentences come first; the note is only true while both sides survived verification.
      const firstDeny = verified.segments.findIndex((s) => sides.deny.some((d) => d.text === s.sentence));
      if (firstDeny > 0) {
        const affirmText = renderSegments(verified.segments.slice(0, firstDeny));
        const denyText = renderSegments(verified.segments.slice(firstDeny));
        text = `${DISAGREEMENT_NOTE}\n\n${affirmText}\n\n${denyText}`;
      } else disagreement = undefined;
    }
    const usedHeadings = new Set(chosen.map((c) => c.chunk.section).filter((h): h is string => h !== undefined));
    return {
      kind: 'answer',
      text,
      citations: verified.citations,
      suggestions: this.suggestions.nearest(queryVector, 2, usedHeadings, question),
      confidence: conf,
      disagreement,
      guardRemoved,
    };
  }
}
