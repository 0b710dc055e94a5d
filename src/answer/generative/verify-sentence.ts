import type { ModelSentence } from './model-sentences.js';
import type { Source } from './prompt.js';
import { unsupportedFacts } from './verify-facts.js';
import { inventedQuotes } from './verify-quotes.js';
import { supports } from './verify-support.js';

/** Why a model sentence was dropped (counted in the `llm_answer` log). */
export type DropReason = 'uncited' | 'unknown_source' | 'unsupported' | 'new_fact' | 'invented_quote';

/** The verdict on one model sentence. */
export type SentenceVerdict = { ok: true; cites: number[] } | { ok: false; reason: DropReason; detail?: string };

/**
 * The verifier's rule for one sentence. It must cite at least one source that exists; only cited sources that
 * support it (see `verify-support.ts`) are kept, and at least one must; every number, dose word and claim word
 * in it must appear in those sources; every quotation in it must be verbatim there.
 */
export function verifySentence(sentence: ModelSentence, sources: readonly Source[]): SentenceVerdict {
  if (sentence.cites.length === 0) return { ok: false, reason: 'uncited' };
  const cited = sentence.cites.map((n) => sources.find((s) => s.n === n)).filter((s): s is Source => s !== undefined);
  if (cited.length === 0) return { ok: false, reason: 'unknown_source' };
  // Facts and quotes first (against all cited text), so a dose or a made-up quote is logged as such even when it
  // also drags the sentence's support below the threshold; then again against the supporting sources alone.
  const check = (list: readonly Source[]): SentenceVerdict | undefined => {
    const text = list.map((s) => s.unit.text).join('\n');
    const facts = unsupportedFacts(sentence.text, text);
    if (facts.length > 0) return { ok: false, reason: 'new_fact', detail: facts.join(',') };
    if (inventedQuotes(sentence.text, text).length > 0) return { ok: false, reason: 'invented_quote' };
    return undefined;
  };
  const early = check(cited);
  if (early) return early;
  const supporting = cited.filter((s) => supports(sentence.text, s.unit.text));
  if (supporting.length === 0) return { ok: false, reason: 'unsupported' };
  const late = check(supporting);
  if (late) return late;
  return { ok: true, cites: supporting.map((s) => s.n) };
}
