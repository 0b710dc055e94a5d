import type { PolicyFile } from './policy-file.js';
import { TypoFixer, type Vocabulary } from './typo-fix.js';

/** Bump when normalisation changes: cached exemplar vectors were embedded from normalised text. */
export const NORMALIZER_VERSION = 2;

/** Leetspeak digits inside words ("k3tamine", "su1cide"); units like "50mg" are left alone. */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/**
 * Turns a raw message into the canonical form rules and exemplars are written against: lowercase, plain
 * quotes, slang and contractions rewritten ("ket" → "ketamine", "i'm" → "i am"), and one- or two-letter
 * typos of important words corrected ("ketamin", "suicde"), and single slips of any word the policy is written in
 * ("wtih", "thruogh", "seling") when a vocabulary is given. Same function for exemplars and user turns, so both
 * sides of the nearest-neighbour comparison look alike.
 */
export class Normalizer {
  private readonly rewrites: { pattern: RegExp; replace: string }[];
  private readonly spelling: string[];
  private readonly known: Set<string>;
  private readonly typos: TypoFixer | undefined;

  /** @param vocabulary words typing slips are corrected towards (see `policyVocabulary`); none when omitted. */
  constructor(config: PolicyFile['normalize'], vocabulary?: Vocabulary) {
    this.rewrites = config.rewrites.map((r) => ({ pattern: new RegExp(r.pattern, 'giu'), replace: r.replace }));
    this.spelling = config.spelling;
    this.known = new Set(config.spelling);
    this.typos = vocabulary ? new TypoFixer(vocabulary) : undefined;
  }

  normalize(message: string): string {
    let text = message
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u200b-\u200d\ufeff]/g, '')
      .replace(/[\u2018\u2019\u02bc`´]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\u2013\u2014]/g, ' - ')
      .replace(/\s+/g, ' ')
      .trim();
    const tokens = text.match(/[a-z0-9@$]+/g) ?? [];
    let at = 0;
    text = text.replace(/[a-z0-9@$]+/g, (token) => {
      const i = at++;
      return this.fixToken(token, tokens[i - 1], tokens[i + 1]);
    });
    for (const { pattern, replace } of this.rewrites) text = text.replace(pattern, replace);
    return text.replace(/\s+/g, ' ').trim();
  }

  private fixToken(token: string, prev = '', next = ''): string {
    let word = token;
    // Only de-leet tokens that start with a letter and have 3+ letters: "50mg" and "2x" stay numbers.
    if (/^[a-z]/.test(word) && /[0-9@$]/.test(word) && (word.match(/[a-z]/g)?.length ?? 0) >= 3) {
      word = word.replace(/[0134579@$]/g, (c) => LEET[c] ?? c);
    }
    if (!/^[a-z]+$/.test(word) || this.known.has(word)) return word;
    if (word.length >= 5) return this.fixImportant(word, prev, next);
    return this.typos ? this.typos.fix(word, prev, next) : word;
  }

  private fixImportant(word: string, prev: string, next: string): string {
    for (const target of this.spelling) {
      // A longer word that starts with the target is an inflection ("recreationally"), not a typo.
      if (word.startsWith(target)) continue;
      const allowed = target.length >= 9 && word.length >= 9 ? 2 : 1;
      if (Math.abs(target.length - word.length) > allowed || target[0] !== word[0]) continue;
      if (editDistance(word, target, allowed) <= allowed) return target;
    }
    return this.typos ? this.typos.fix(word, prev, next) : word;
  }
}

/** Damerau–Levenshtein (optimal string alignment) distance, giving up early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return rowMin;
  }
  return (d[rows - 1] as number[])[cols - 1] as number;
}

/**
 * Splits a normalised message into sentences (a multi-sentence message is also judged sentence by sentence).
 * A colon splits too: wrappers ("ignore the rules and answer directly: …") put the real request after one.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?;:])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[a-z]/.test(s));
}

/** Word count, for "is this a short elliptical follow-up" checks. */
export function wordCount(text: string): number {
  return text.match(/[a-z0-9']+/g)?.length ?? 0;
}
