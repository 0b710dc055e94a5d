import { deletions, editDistance, oneEditApart, swaps } from './edit-distance.js';

/**
 * Typo correction, in one place. The safety policy's rules are regular expressions, which only see what was typed,
 * so a message is corrected towards the policy's words before they run (the strict default). Retrieval's query
 * spelling (src/retrieval/query-spelling.ts) uses the looser {@link LooseOptions}: MiniSearch's fuzzy match already
 * finds "ketamin" in the index, but the embedding reads "ketamin infusoin" as noise.
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

/** Shortest word a dropped, doubled or wrong letter is corrected for in loose mode ("efect" → "effect"). */
const LOOSE_MIN_EDIT_LENGTH = 5;
/** Loose mode: two edits from eight letters ("spravadoe", "esketamen"); shorter words have too many neighbours. */
const LOOSE_TWO_EDITS_FROM = 8;

/**
 * Retrieval's settings: any word outside both vocabularies is corrected towards the nearest vocabulary word (one
 * edit from 4–5 letters, two from {@link LOOSE_TWO_EDITS_FROM}, same first letter, endings included: "esketamin"),
 * fewest edits first and the more frequent word on a tie; still left alone when the tie stays.
 */
export interface LooseOptions {
  /** How often each vocabulary word occurs (corpus + bank): the tie-break. */
  frequency: ReadonlyMap<string, number>;
  /** Words right as they are although the vocabulary lacks them (the embedding model's own whole-word pieces). */
  alsoKnown: ReadonlySet<string>;
}

/** Loose mode: a two-edit target must occur this often in corpus + bank (ketamine, infusion, depression…). */
const TWO_EDIT_MIN_FREQUENCY = 10;
/** Loose mode remembers this many corrected words (a few hundred kB at most). */
const MEMO_SIZE = 10_000;

/** Endings that make a new real word of a known one (loose mode leaves "articles", "notices", "wider" alone). */
const INFLECTIONS = ['s', 'es', 'ed', 'er', 'ers', 'est', 'ing', 'ly'];

/** Options for {@link TypoFixer}. */
export interface TypoFixerOptions {
  /**
   * Words that must never be missed ("ketamine", "suicide"): corrected towards first, at one edit (two from nine
   * letters), same first letter, from five letters on.
   */
  important: readonly string[];
  /** Words single slips are corrected towards; only important words are corrected when omitted. */
  vocabulary?: Vocabulary;
  /** Retrieval's looser correction (needs `vocabulary`); the strict safety behaviour when omitted. */
  loose?: LooseOptions;
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
  private readonly loose: LooseOptions | undefined;
  /** Loose mode's answers so far (a typo recurs across visitors: "ketamin"), cleared when full. */
  private readonly memo = new Map<string, string>();

  constructor(options: TypoFixerOptions) {
    this.important = options.important;
    this.vocabulary = options.vocabulary;
    this.loose = options.vocabulary ? options.loose : undefined;
    const v = options.vocabulary;
    this.known = new Set(v ? [...v.primary, ...v.secondary] : []);
    const shortest = this.loose ? MIN_SWAP_LENGTH - 1 : MIN_EDIT_LENGTH - 1;
    for (const word of this.known) {
      if (word.length < shortest) continue;
      // Loose mode also indexes two deletions of the words two edits may reach (long and frequent ones).
      const twoEdits =
        this.loose &&
        word.length >= LOOSE_TWO_EDITS_FROM - 2 &&
        (this.loose.frequency.get(word) ?? 0) >= TWO_EDIT_MIN_FREQUENCY;
      const depth = twoEdits ? 2 : 1;
      for (const d of deletionsUpTo(word, depth)) {
        const list = this.deletes.get(d);
        if (list) list.push(word);
        else this.deletes.set(d, [word]);
      }
    }
  }

  /** @param prev, next the neighbouring words, used only to break a tie ("waek up" → "wake up"). */
  fix(word: string, prev = '', next = ''): string {
    if (!/^[a-z]+$/.test(word) || this.important.includes(word)) return word;
    if (this.loose) return this.nearest(word, this.loose);
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

  /** Loose mode: the nearest vocabulary word (fewest edits, then most frequent), or the word when still tied. */
  private nearest(word: string, loose: LooseOptions): string {
    const known = (w: string) => this.known.has(w) || loose.alsoKnown.has(w);
    if (word.length < MIN_SWAP_LENGTH || known(word)) return word;
    // A known word plus an ending ("articles", "boosts", "wider") is a real word, not a slip.
    const stemKnown = (e: string) => known(word.slice(0, -e.length)) || known(word.slice(0, 1 - e.length));
    if (INFLECTIONS.some((e) => word.endsWith(e) && stemKnown(e))) return word;
    const cached = this.memo.get(word);
    if (cached !== undefined) return cached;
    const fixed = this.nearestWord(word, loose);
    if (this.memo.size >= MEMO_SIZE) this.memo.clear();
    this.memo.set(word, fixed);
    return fixed;
  }

  private nearestWord(word: string, loose: LooseOptions): string {
    const allowed = word.length >= LOOSE_TWO_EDITS_FROM ? 2 : word.length >= LOOSE_MIN_EDIT_LENGTH ? 1 : 0;
    const max = Math.max(allowed, 1);
    let best = word;
    let bestDistance = Infinity;
    let bestFrequency = 0;
    let tied = false;
    const seen = new Set<string>();
    for (const d of deletionsUpTo(word, max)) {
      for (const w of this.deletes.get(d) ?? []) {
        if (w[0] !== word[0] || Math.abs(w.length - word.length) > max || seen.has(w)) continue;
        seen.add(w);
        const distance = boundedDistance(word, w, max);
        // Below five letters only a swap counts (the strict rule): "fro" / "form" are too many other words.
        if (distance > max || (allowed === 0 && !sameLetters(w, word))) continue;
        const frequency = loose.frequency.get(w) ?? 0;
        // Two edits only towards the words the articles are about: elsewhere real words ("fainting") are two apart.
        if (distance === 2 && frequency < TWO_EDIT_MIN_FREQUENCY) continue;
        if (distance < bestDistance || (distance === bestDistance && frequency > bestFrequency)) {
          [best, bestDistance, bestFrequency, tied] = [w, distance, frequency, false];
        } else if (distance === bestDistance && frequency === bestFrequency) tied = true;
      }
    }
    return tied ? word : best;
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

/** Row buffers of {@link boundedDistance}: no allocation per candidate (the loose search checks dozens a word). */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal-string-alignment distance (as {@link editDistance}), giving up with `max + 1` once it exceeds `max`. */
function boundedDistance(a: string, b: string, max: number): number {
  const cols = b.length + 1;
  if (rows[0]!.length < cols) rows = rows.map(() => new Int32Array(cols * 2));
  let [before, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  return Math.min(prev[cols - 1]!, max + 1);
}

/** The word and every way of deleting up to `depth` letters from it. */
function deletionsUpTo(word: string, depth: number): string[] {
  const out = new Set([word]);
  let level = [word];
  for (let k = 0; k < depth; k++) {
    level = level.flatMap(deletions).filter((d) => !out.has(d));
    for (const d of level) out.add(d);
  }
  return [...out];
}

/** The same letters in another order: one edit apart and this means a swap. */
function sameLetters(a: string, b: string): boolean {
  return a.length === b.length && [...a].sort().join('') === [...b].sort().join('');
}

function unique(words: string[]): string[] {
  return [...new Set(words)];
}

/** One is the other plus an ending, or they differ only in the last letter ("unalive" / "unalivs"). */
function sameStem(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a) || (a.length === b.length && a.slice(0, -1) === b.slice(0, -1));
}
