import type { PolicyFile } from './policy-file.js';

/** Shortest word a swapped-letter typo is corrected for ("wtih" → "with"); shorter words are too ambiguous. */
const MIN_SWAP_LENGTH = 4;
/** Shortest word a dropped, doubled or wrong letter is corrected for ("seling" → "selling"). */
const MIN_EDIT_LENGTH = 6;

/** Words typos are corrected towards, in two tiers: the policy's own words win a tie ("waek" → "wake", not "weak"). */
export interface Vocabulary {
  /** Literal words of the rules, scope and general-query patterns, rewrites, spelling list and exemplars. */
  primary: ReadonlySet<string>;
  /** The policy file's extra `normalize.vocabulary` (common words a user may mistype). */
  secondary: ReadonlySet<string>;
  /** Adjacent word pairs ("wake up") of exemplars and patterns, to break a tie between two candidates. */
  pairs: ReadonlySet<string>;
}

/**
 * The words the policy is written in, plus simple inflections ("wake" → "waking", "matter" → "matters") so a
 * slip in an inflected word is still recognised. A typo only matters when it hides one of these words; QA
 * extending the policy file extends the vocabulary too.
 */
export function policyVocabulary(policy: PolicyFile): Vocabulary {
  const patterns = [
    ...policy.rules.flatMap((r) => [r.pattern, r.after_message ?? '']),
    ...policy.scope.domain,
    ...policy.scope.topical,
    policy.scope.followup,
    policy.scope.pushback,
    ...policy.general_queries.map((g) => g.pattern),
    ...policy.normalize.rewrites.flatMap((r) => [r.pattern, r.replace]),
  ];
  const primary = new Set<string>(policy.normalize.spelling);
  const pairs = new Set<string>();
  // Escapes (\b, \w, \s) and character classes ([ae]) are regex syntax, not words; a stem with a group of
  // endings ("unaliv(e|ed|ing)") stands for each whole word.
  const texts = [
    ...patterns.map((p) => expandEndings(p.replace(/\\[a-zA-Z]/g, ' ').replace(/\[[^\]]*\]/g, ' '))),
    ...policy.exemplars.map((e) => e.text),
  ];
  for (const text of texts) {
    addWords(primary, text);
    // Only words separated by a plain space are a real pair ("wake up"), not alternatives ("wake|up").
    for (const [, a, b] of text.toLowerCase().matchAll(/(?=\b([a-z]+) ([a-z]+)\b)/g)) pairs.add(`${a} ${b}`);
  }
  const secondary = new Set<string>();
  addWords(secondary, policy.normalize.vocabulary);
  return { primary: withInflections(primary), secondary: withInflections(secondary), pairs };
}

function expandEndings(pattern: string): string {
  return pattern.replace(/([a-z]+)\(((?:[a-z]*\|)+[a-z]*)\)/g, (all, stem: string, endings: string) =>
    `${all} ${endings.split('|').map((e) => stem + e).join(' ')}`,
  );
}

function addWords(into: Set<string>, text: string): void {
  for (const w of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) into.add(w);
}

function withInflections(words: Set<string>): Set<string> {
  const out = new Set(words);
  for (const w of words) {
    if (w.length < 3) continue;
    for (const ending of ['s', 'ed', 'ing']) out.add(w + ending);
    if (w.endsWith('e')) {
      out.add(`${w.slice(0, -1)}ing`);
      out.add(`${w}d`);
    }
  }
  return out;
}

/**
 * Corrects single typing slips towards a vocabulary: two swapped letters (4+ letter words), or one dropped, added
 * or wrong letter (6+ letters, same first letter). Only words outside the vocabulary are touched, only when exactly
 * one word of the best tier is that close, and never when the two differ only in their ending.
 */
export class TypoFixer {
  private readonly known: ReadonlySet<string>;
  /** Every vocabulary word with one letter deleted → the words it came from (symmetric-delete lookup). */
  private readonly deletes = new Map<string, string[]>();

  constructor(private readonly vocabulary: Vocabulary) {
    this.known = new Set([...vocabulary.primary, ...vocabulary.secondary]);
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
    if (word.length < MIN_SWAP_LENGTH || !/^[a-z]+$/.test(word) || this.known.has(word)) return word;
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
    if (candidates.length === 0) return null;
    for (const tier of [this.vocabulary.primary, this.vocabulary.secondary]) {
      const inTier = candidates.filter((c) => tier.has(c));
      if (inTier.length === 1) return inTier[0];
      if (inTier.length > 1) {
        const paired = inTier.filter((c) => this.vocabulary.pairs.has(`${prev} ${c}`) || this.vocabulary.pairs.has(`${c} ${next}`));
        return paired.length === 1 ? paired[0] : undefined;
      }
    }
    return undefined;
  }
}

function swaps(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length - 1; i++) {
    if (word[i] !== word[i + 1]) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return out;
}

function deletions(word: string): string[] {
  return Array.from({ length: word.length }, (_, i) => word.slice(0, i) + word.slice(i + 1));
}

function unique(words: string[]): string[] {
  return [...new Set(words)];
}

/** One is the other plus an ending, or they differ only in the last letter ("unalive" / "unalivs"). */
function sameStem(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a) || (a.length === b.length && a.slice(0, -1) === b.slice(0, -1));
}

/** One insertion, deletion or substitution (swaps are handled separately). */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
