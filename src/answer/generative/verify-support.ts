import { contentTerms } from '../../text/stopwords.js';

/**
 * Least share of a sentence's content terms (stemmed, stop words out) that its cited unit must contain for the unit
 * to support it. Measured on `test/llm/fixtures/support-examples.ts` (faithful paraphrases vs. true sentences citing
 * the wrong unit, written against the real corpus; `test/llm/verify-support.test.ts` prints the figures): faithful
 * 0.80–1.00, wrong source 0.00–0.33, so 0.5 sits in the gap. One wrong-source sentence scored 0.71 (it shares
 * "ketamine therapy … mental health treatment" with its unit); the claim-word check (`verify-facts.ts`) drops it.
 */
export const SUPPORT_MIN = 0.5;

/** Share (0–1) of the sentence's content terms found in the unit's text (1 for a sentence with none). */
export function supportScore(sentence: string, unitText: string): number {
  const terms = new Set(contentTerms(sentence));
  if (terms.size === 0) return 0;
  const unit = new Set(contentTerms(unitText));
  let found = 0;
  for (const t of terms) if (unit.has(t)) found++;
  return found / terms.size;
}

/** Whether the unit supports the sentence (see {@link SUPPORT_MIN}). */
export function supports(sentence: string, unitText: string): boolean {
  return supportScore(sentence, unitText) >= SUPPORT_MIN;
}
