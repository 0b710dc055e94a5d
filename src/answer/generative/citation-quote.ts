import type { Chunk } from '../../corpus/chunk.js';
import type { OutputGuard } from '../../safety/types.js';
import { type ArticleTexts, isVerbatim } from '../verify.js';
import { supportScore } from './verify-support.js';

/**
 * The quote shown for a cited unit: always article text, never model text. The whole unit when every sentence of
 * it may be sent and it is verbatim in its article (units are short: one paragraph or one list); otherwise the
 * unit's sendable sentence that best supports what the model said with it. Undefined when none qualifies.
 */
export function unitQuote(
  unit: Chunk,
  said: readonly string[],
  texts: ArticleTexts,
  guard: OutputGuard,
): string | undefined {
  const sendable = unit.sentences.filter((s) => guard.check(s.text) === undefined);
  const whole = unit.sentences.map((s) => s.text).join(' ');
  if (sendable.length === unit.sentences.length && isVerbatim(whole, unit.docId, texts)) return whole;
  const claim = said.join(' ');
  const best = sendable
    .filter((s) => isVerbatim(s.text, unit.docId, texts))
    .map((s) => ({ text: s.text, score: supportScore(claim, s.text) }))
    .sort((a, b) => b.score - a.score)[0];
  return best?.text;
}
