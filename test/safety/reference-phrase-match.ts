/**
 * Test double: the crisis lexicon's phrase matcher as it was before it was indexed (src/safety/phrase-match.ts at
 * 032a4e9), every phrase against every word of the message. Kept only as the reference the indexed matcher must
 * agree with (test/safety/fast-phrase-match.test.ts): its slowness is the point, not a bug to fix.
 */
import { editDistance } from '../../src/text/edit-distance.js';

/** Phrase words shorter than this must match exactly (after squeezing): "die", "kms", "dead" have too many neighbours. */
const FUZZY_MIN = 6;
/** From this length a word may differ by two edits ("selbstmord" ~ "selbsmort"). */
const FUZZY_TWO = 9;

/** Runs of one letter squeezed to one: "sooo" → "so", "dieee" → "die", "kill" → "kil". */
const squeeze = (word: string): string => word.replace(/(\p{L})\1+/gu, '$1');

/**
 * Spellings that differ only in spacing made one: "my self" = "myself", and folded contractions ("don t", "i m",
 * "what s", from foldText turning the apostrophe into a space) = their apostrophe-less spelling ("dont", "im"). Only
 * after the words English contracts, so Turkish "ve" (and) or a lone "d" / "t" / "m" stays a word of its own.
 */
const CONTRACTION =
  /\b([a-z]+n (?=t\b)|i (?=m\b)|(?:i|you|we|they|who|[a-z]+ld|might|must) (?=ve\b)|(?:you|we|they|who|what) (?=re\b)|(?:i|you|s?he|we|they|it|that) (?=ll\b|d\b)|[a-z]+ (?=s\b))/g;
const normalise = (folded: string): string =>
  folded.replace(/\b(my|your|him|her|them|our) ?sel(f|ves)\b/g, '$1sel$2').replace(CONTRACTION, (m) => m.trimEnd());

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Arabic}]/u;

function wordMatches(phraseWord: string, word: string, fuzzy: boolean): boolean {
  if (phraseWord === word) return true;
  // Typos rarely hit the first letter, and requiring it keeps neighbours apart ("filling" is not "killing").
  if (!fuzzy || phraseWord.length < FUZZY_MIN || word.length < FUZZY_MIN - 1 || phraseWord[0] !== word[0]) return false;
  const max = phraseWord.length >= FUZZY_TWO ? 2 : 1;
  return editDistance(phraseWord, word, max) <= max;
}

/** Options for {@link phraseMatcher}. */
interface PhraseMatchOptions {
  /** Allow one or two edits in long words (crisis phrases); emergencies match exactly ("overdoses" ≠ "overdosed"). */
  fuzzy: boolean;
}

/**
 * A matcher over already-folded text (see foldText): true when any phrase occurs as whole words, squeezed, with
 * the typo tolerance above. Returns the matched phrase (folded) so callers can treat some phrases specially.
 */
export function referencePhraseMatcher(
  phrases: string[],
  options: PhraseMatchOptions,
): (folded: string) => string | undefined {
  const compiled = phrases.map((p) => ({
    phrase: p,
    unspaced: UNSPACED.test(p),
    words: normalise(p).split(' ').filter(Boolean).map(squeeze),
  }));
  return (folded) => {
    const words = normalise(folded).split(' ').filter(Boolean).map(squeeze);
    for (const c of compiled) {
      if (c.unspaced) {
        if (folded.replace(/\s+/g, '').includes(c.phrase.replace(/\s+/g, ''))) return c.phrase;
        continue;
      }
      const n = c.words.length;
      for (let i = 0; i + n <= words.length; i++)
        if (c.words.every((w, k) => wordMatches(w, words[i + k] as string, options.fuzzy))) return c.phrase;
    }
    return undefined;
  };
}
