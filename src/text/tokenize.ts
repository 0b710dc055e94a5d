/**
 * The one tokenizer. Every part of the bot that looks at words (corpus statistics, BM25, synonym matching, answer
 * scoring, follow-up detection, the safety policy's word counts) splits text here, so "half-life", "ketamine's" and
 * "don’t" are the same tokens everywhere.
 */

/** Folds typographic apostrophes and quotes to ASCII (`’` → `'`, `“` → `"`). Nothing else changes. */
export function foldQuotes(text: string): string {
  return text.replace(/[‘’‛′`´\u02bc]/g, "'").replace(/[“”‟″]/g, '"');
}

/** A word: letters and digits, joined by inner apostrophes or hyphens ("half-life", "don't", "24-hour"). */
const WORD = /[a-z0-9]+(?:['-][a-z0-9]+)*/g;

/** Lowercases, folds typographic apostrophes, splits into word tokens and drops a possessive `'s`. */
export function words(text: string): string[] {
  return (foldQuotes(text.toLowerCase()).match(WORD) ?? []).map((w) => w.replace(/'s$/, ''));
}

/**
 * How many words a text has, for the safety policy's "short follow-up" checks. Each part of a hyphenated word counts
 * ("what are the long-term risks" has six), as the policy's thresholds were set.
 */
export function wordCount(text: string): number {
  return words(text).reduce((n, w) => n + w.split('-').length, 0);
}

/**
 * A whole run of letters, in any script, that is not part of a contraction ("didn't"), a number or a code ("50mg"):
 * the words a spelling correction may rewrite. The query speller and the safety classifier's reading of its output
 * both walk words with it, so their words line up one for one. Global: use with `replace` / `matchAll`.
 */
export const LETTER_WORD = /(?<![\p{L}\p{N}'’])\p{L}+(?![\p{L}\p{N}'’])/gu;
