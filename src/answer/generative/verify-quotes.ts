import { normalizeForMatch } from '../verify.js';

/** Text in straight or typographic double quotes, at least two words long (a single quoted term is a name, not a quote). */
const QUOTED = /["“”]([^"“”]+?\s[^"“”]+?)["“”]/g;

/**
 * Quotations in `sentence` that are not verbatim (case and whitespace aside) in the cited text: a model that
 * puts words in an article's mouth is dropped even when the rest of its sentence is supported.
 */
export function inventedQuotes(sentence: string, citedText: string): string[] {
  const source = normalizeForMatch(citedText).toLowerCase();
  return [...sentence.matchAll(QUOTED)]
    .map((m) => (m[1] as string).trim())
    .filter(
      (q) =>
        !source.includes(
          normalizeForMatch(q)
            .toLowerCase()
            .replace(/[.,;:!?]+$/, ''),
        ),
    );
}
