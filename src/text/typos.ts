import { deletions, editDistance, oneEditApart, swaps } from './edit-distance.js';

/**
 * Typo correction, in one place. Retrieval needs none of its own: MiniSearch's fuzzy match already finds
 * "ketamin" and "infusoin" in the index. The safety policy does: its rules are regular expressions, which only see
 * what was typed, so a message is corrected towards the policy's words before they run.
 */

/** Shortest word a swapped-letter typo is corrected for ("wtih" → "with"); shorter words are too ambiguous. */
const MIN_SWAP_LENGTH = 4;
/** Shortest word a dropped, doubled or wrong letter is corrected for ("seling" → "selling"). */
const MIN_EDIT_LENGTH = 6;
/** Shortest word an important word is corrected for at edit distance 1 ("ketamin"); 2 from 9 letters on. */
const MIN_IMPORTANT_LENGTH = 5;
const TWO_EDITS_FROM = 9;

/** Words typos are corrected towards, in two tiers: the first tier wins a tie ("waek" → "wake", not "weak"). */
export interface Vocabulary {
  /** Words the rules are written in. */
  primary: ReadonlySet<string>;
  /** Common words a user may mistype. */
  secondary: ReadonlySet<string>;
  /** Adjacent word pairs ("wake up"), to break a tie between two candidates. */
  pairs: ReadonlySet<string>;
}

/** Options for {@link TypoFixer}. */
export interface TypoFixerOptions {
  /**
   * Words that must never be missed ("ketamine", "suicide"): corrected towards first, at one edit (two from nine
   * letters), same first letter, from five letters on.
   */
  important: readonly string[];
  /** Words single slips are corrected towards; only important words are corrected when omitted. */
  vocabulary?: Vocabulary;
}

/**
 * Corrects one lowercase word: an important word one or two edits away wins; otherwise a single typing slip towards
 * the vocabulary — two swapped letters (4+ letter words), or one dropped, added or wrong letter (6+ letters, same
 * first letter). Only words outside the vocabulary are touched, only when exactly one word of the best tier is
 * that close, and never when the two differ only in their ending.
 */
export class TypoFixer {
  private readonly important: readonly string[];
  private readonly known: ReadonlySet<string>;
  private readonly vocabulary: Vocabulary | undefined;
  /** Every vocabulary word with one letter deleted → the words it came from (symmetric-delete lookup). */
  private readonly deletes = new Map<string, string[]>();

  constructor(options: TypoFixerOptions) {
    this.important = options.important;
    this.vocabulary = options.vocabulary;
    const v = options.vocabulary;
    this.known = new Set(v ? [...v.primary, ...v.secondary] : []);
    for (const word of this.known) {
      if (word.length < MIN_EDIT_LENGTH - 1) continue;
      for (const d of [word, ...deletions(word)]) {
        const list = this.deletes.get(d);
        if (list) list.push(word);
        else this.deletes.set(d, [word]);
      }
    }
  }

  /** @param prev, next the neighbouring words, used only to break a tie ("waek up" → "wake up"). */
  fix(word: string, prev = '', next = ''): string {
    if (!/^[a-z]+$/.test(word) || this.important.includes(word)) return word;
    if (word.length >= MIN_IMPORTANT_LENGTH) {
      const target = this.importantWord(word);
      if (target) return target;
    }
    return this.vocabulary ? this.slip(word, prev, next) : word;
  }

  private importantWord(word: string): string | undefined {
    for (const target of this.important) {
      // A longer word that starts with the target is an inflection ("recreationally"), not a typo.
      if (word.startsWith(target)) continue;
      const allowed = target.length >= TWO_EDITS_FROM && word.length >= TWO_EDITS_FROM ? 2 : 1;
      if (Math.abs(target.length - word.length) > allowed || target[0] !== word[0]) continue;
      if (editDistance(word, target, allowed) <= allowed) return target;
    }
    return undefined;
  }

  private slip(word: string, prev: string, next: string): string {
    if (word.length < MIN_SWAP_LENGTH || this.known.has(word)) return word;
    const swapped = this.best(unique(swaps(word).filter((w) => this.known.has(w))), prev, next);
    if (swapped !== null) return swapped ?? word;
    if (word.length < MIN_EDIT_LENGTH) return word;
    const near = unique([word, ...deletions(word)].flatMap((d) => this.deletes.get(d) ?? [])).filter(
      (w) => w[0] === word[0] && !sameStem(w, word) && oneEditApart(word, w),
    );
    return this.best(near, prev, next) ?? word;
  }

  /**
   * The single candidate of the best tier (or, in a tie, the single one that forms a known pair with a
   * neighbour); `undefined` when still ambiguous, `null` when there are no candidates.
   */
  private best(candidates: string[], prev: string, next: string): string | undefined | null {
    const v = this.vocabulary;
    if (candidates.length === 0 || !v) return null;
    for (const tier of [v.primary, v.secondary]) {
      const inTier = candidates.filter((c) => tier.has(c));
      if (inTier.length === 1) return inTier[0];
      if (inTier.length > 1) {
        const paired = inTier.filter((c) => v.pairs.has(`${prev} ${c}`) || v.pairs.has(`${c} ${next}`));
        return paired.length === 1 ? paired[0] : undefined;
      }
    }
    return undefined;
  }
}

function unique(words: string[]): string[] {
  return [...new Set(words)];
}

/** One is the other plus an ending, or they differ only in the last letter ("unalive" / "unalivs"). */
function sameStem(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a) || (a.length === b.length && a.slice(0, -1) === b.slice(0, -1));
}
