/**
 * The text the classifier's n-grams read when the turn embeds a spelling-corrected message (issue 11 × 12): the
 * correction word by word, except where the typed word is one the classifier was trained on. Retrieval's corrector
 * only knows the articles' and the model's vocabulary, so it "fixed" refusal cues the articles never use (dev:
 * "snort" → "short", "pille" → "pills", "compraría… calle" → "called"), and those cues decide refusals; a typo the
 * training prompts never contain ("infushion", "depresion") is noise to the n-grams, so its correction loses nothing.
 */
import { LETTER_WORD as WORD } from '../text/tokenize.js';

/**
 * `typed` with each word the corrector changed in `spelled` taken from `spelled`, unless `known` (lowercase words of
 * the training prompts) has the typed word. When the two do not align word for word, `typed` as it is.
 */
export function spelledForClassifier(typed: string, spelled: string, known: ReadonlySet<string>): string {
  if (spelled === typed) return typed;
  const corrected = [...spelled.matchAll(WORD)].map((m) => m[0]);
  const count = [...typed.matchAll(WORD)].length;
  if (corrected.length !== count) return typed;
  let i = 0;
  return typed.replace(WORD, (word) => {
    const fixed = corrected[i++] as string;
    return known.has(word.toLowerCase()) ? word : fixed;
  });
}
