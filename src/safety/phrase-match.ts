import { LRUCache } from 'lru-cache';
import { editDistance } from '../text/edit-distance.js';

/**
 * Typo-tolerant whole-phrase matching over folded text, for the crisis lexicon: a person in distress types fast
 * ("sucide", "suiside", "killl myslef", "kil my self"), and a missed crisis costs far more than a supportive reply
 * too many. Words are compared with repeated letters squeezed ("sooo" = "so", "kill" = "kil"), and a long word may
 * differ by one edit (two for very long words). Scripts written without spaces (Chinese, Japanese, Thai) match as
 * substrings, and so does Arabic, whose article and conjunctions attach to the word ("الانتحار" holds "انتحار").
 */

/** Phrase words shorter than this must match exactly (after squeezing): "die", "kms", "dead" have too many neighbours. */
const FUZZY_MIN = 6;
/** From this length a word may differ by two edits ("selbstmord" ~ "selbsmort"). */
const FUZZY_TWO = 9;

/** Runs of one letter squeezed to one: "sooo" → "so", "dieee" → "die", "kill" → "kil". */
export const squeeze = (word: string): string => word.replace(/(\p{L})\1+/gu, '$1');

/**
 * Spellings that differ only in spacing made one: "my self" = "myself", and folded contractions ("don t", "i m",
 * "what s", from foldText turning the apostrophe into a space) = their apostrophe-less spelling ("dont", "im"). Only
 * after the words English contracts, so Turkish "ve" (and) or a lone "d" / "t" / "m" stays a word of its own.
 */
const CONTRACTION =
  /\b([a-z]+n (?=t\b)|i (?=m\b)|(?:i|you|we|they|who|[a-z]+ld|might|must) (?=ve\b)|(?:you|we|they|who|what) (?=re\b)|(?:i|you|s?he|we|they|it|that) (?=ll\b|d\b)|[a-z]+ (?=s\b))/g;
const normalise = (folded: string): string =>
  folded.replace(/\b(my|your|him|her|them|our) ?sel(f|ves)\b/g, '$1sel$2').replace(CONTRACTION, (m) => m.trimEnd());
const wordsOf = (folded: string) => normalise(folded).split(' ').filter(Boolean).map(squeeze);

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Arabic}]/u;

/** A text's words and space-free form, made once for all lists (three per reading, one per clause: 64 is ample). */
const prepare = (folded: string) => ({ words: wordsOf(folded), bare: folded.replace(/\s+/g, '') });
const prepared = new LRUCache({ max: 64, memoMethod: prepare });

function wordMatches(phraseWord: string, word: string, fuzzy: boolean): boolean {
  if (phraseWord === word) return true;
  // Typos rarely hit the first letter, and requiring it keeps neighbours apart ("filling" is not "killing").
  if (!fuzzy || phraseWord.length < FUZZY_MIN || word.length < FUZZY_MIN - 1 || phraseWord[0] !== word[0]) return false;
  const max = phraseWord.length >= FUZZY_TWO ? 2 : 1;
  return Math.abs(phraseWord.length - word.length) <= max && editDistance(phraseWord, word, max) <= max;
}

/** Options for {@link phraseMatcher}. */
export interface PhraseMatchOptions {
  /** Allow one or two edits in long words (crisis phrases); emergencies match exactly ("overdoses" ≠ "overdosed"). */
  fuzzy: boolean;
}

/**
 * A matcher over already-folded text (see foldText): the first phrase, in list order, found as whole words, squeezed,
 * with the typo tolerance above. A word meets only the phrases it may open: by first word, or first letter if fuzzy.
 */
export function phraseMatcher(phrases: string[], options: PhraseMatchOptions): (folded: string) => string | undefined {
  const words = phrases.map(wordsOf);
  // Space-free forms of phrases matched as substrings: scripts without spaces, a phrase of no words ("", which always
  // matched) and a last "" for none found (`phrases[phrases.length]`, undefined).
  const bare = [...phrases, ''].map((p, i) => (UNSPACED.test(p) || !words[i]?.[0] ? p.replace(/\s+/g, '') : undefined));
  const index = new Map<string, number[]>(); // first word, or its first letter when a typo may hit it (fuzzy)
  words.forEach(([first = ''], i) => {
    const key = options.fuzzy && first.length >= FUZZY_MIN ? (first[0] as string) : first;
    if (bare[i] === undefined) index.set(key, [...(index.get(key) ?? []), i]);
  });
  return (folded) => {
    const text = prepared.memo(folded);
    let best = bare.findIndex((c) => c !== undefined && text.bare.includes(c));
    text.words.forEach((w, at) => {
      for (const key of options.fuzzy && w.length >= FUZZY_MIN - 1 ? [w, w[0] as string] : [w])
        for (const i of index.get(key) ?? [])
          if (i < best && words[i]?.every((p, k) => wordMatches(p, text.words[at + k] ?? '', options.fuzzy))) best = i;
    });
    return phrases[best];
  };
}
