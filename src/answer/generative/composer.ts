import type { Citation } from '../../core/reply.js';
import type { Logger } from '../../core/logger.js';
import { LlmError, type ChatModel } from '../../llm/chat-model.js';
import type { OutputGuard } from '../../safety/types.js';
import type { AnswerCallOptions, Answerer, ComposedAnswer } from '../answerer.js';
import type { ArticleTexts } from '../verify.js';
import { unitQuote } from './citation-quote.js';
import { buildPrompt, type Source } from './prompt.js';
import { renderKept, runVerified, type VerifiedRun } from './verified-stream.js';

/** Options of one {@link Composer.answer} call. */
export interface ComposeCallOptions extends AnswerCallOptions {
  /** Receives each verified sentence (with its `[n]` markers) as it is ready, for streaming channels. */
  onDelta?: (chunk: string) => void;
}

/** The answer seam handle-turn calls when generative answers are on. */
export interface Composer {
  answer(question: string, call?: ComposeCallOptions): Promise<ComposedAnswer>;
}

/** Options for {@link GenerativeComposer}. */
export interface GenerativeComposerOptions {
  answerer: Answerer;
  model: ChatModel;
  guard: OutputGuard;
  /** Normalised article bodies (quotes are checked verbatim against them). */
  texts: ArticleTexts;
  logger: Logger;
  /** How many top-ranked units the model sees; 4, the most an extractive answer draws on (2 units × ≤ 4 sentences). */
  maxSources?: number;
}

/** Below this share of the model's text surviving verification, the extractive answer is better (issue 15). */
const MIN_SURVIVING = 0.5;

/**
 * Generative answers held to the extractive answer's guarantees. The extractive answer is computed first: when it
 * abstains (or shows a disagreement between articles) that is the reply and the model is never asked. Otherwise
 * the model writes from the top-ranked units, every sentence is verified, and when too little survives (or the
 * model fails) the extractive answer is the reply, with `llm_fallback` and the reason in the log.
 */
export class GenerativeComposer implements Composer {
  constructor(private readonly options: GenerativeComposerOptions) {}

  async answer(question: string, call: ComposeCallOptions = {}): Promise<ComposedAnswer> {
    const { answerer, model, guard, logger } = this.options;
    const { onDelta, ...answerCall } = call;
    const extractive = await answerer.answer(question, answerCall);
    if (extractive.kind !== 'answer' || extractive.disagreement) return extractive;
    const started = performance.now();
    const fallback = (reason: string, extra: Record<string, unknown> = {}) => {
      logger.warn('llm_fallback', { provider: model.provider, reason, ms: elapsed(started), ...extra });
      return extractive;
    };
    const { candidates } = await answerer.rank(question, { previous: call.previous });
    const sources: Source[] = candidates
      .slice(0, this.options.maxSources ?? 4)
      .map((c, i) => ({ n: i + 1, unit: c.unit }));
    let run: VerifiedRun;
    try {
      run = await runVerified(model, buildPrompt(question, sources), sources, guard, (s, i) =>
        onDelta?.(`${i === 0 ? '' : ' '}${renderKept(s)}`),
      );
    } catch (error) {
      if (error instanceof LlmError) return fallback(error.reason, { error: error.message });
      return fallback('error', { error: error instanceof Error ? error.message : String(error) });
    }
    const log = { kept: run.kept.length, dropped: run.dropped, totalChars: run.totalChars, keptChars: run.keptChars };
    if (run.kept.length === 0) return fallback('no_verified_sentences', log);
    if (run.keptChars < run.totalChars * MIN_SURVIVING) return fallback('too_little_verified', log);
    const citations = this.citations(run);
    if (citations === undefined) return fallback('no_quote', log);
    logger.info('llm_answer', { provider: model.provider, ms: elapsed(started), ...log });
    return {
      ...extractive,
      text: run.kept.map(renderKept).join(' '),
      citations,
    };
  }

  /** One citation per used source; its quote is article text (see {@link unitQuote}). */
  private citations(run: VerifiedRun): Citation[] | undefined {
    const out: Citation[] = [];
    for (const [n, { unit }] of run.sourceOf) {
      const said = run.kept.filter((s) => s.ns.includes(n)).map((s) => s.text);
      const quote = unitQuote(unit, said, this.options.texts, this.options.guard);
      if (quote === undefined) return undefined;
      out.push({ n, docId: unit.docId, title: unit.title, chunkId: unit.id, quote });
    }
    return out;
  }
}

const elapsed = (started: number) => Math.round(performance.now() - started);
