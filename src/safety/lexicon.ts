import { readFileSync } from 'node:fs';
import { LRUCache } from 'lru-cache';
import { deu, fra, ita, nld, por, spa } from 'stopword';
import { parse } from 'yaml';
import { z } from 'zod';
import type { RefusalCategory } from '../core/reply.js';
import { fromProjectRoot } from '../paths.js';
import { STOPWORDS } from '../text/stopwords.js';
import { foldText } from './classifier/features.js';
import { phraseMatcher } from './phrase-match.js';

/** The bundled multilingual lexicon (crisis, emergency, refusal cues). */
export const LEXICON_FILE = fromProjectRoot('src', 'safety', 'lexicon.yaml');

const Phrases = z.record(z.string(), z.array(z.string().min(2)));
const LexiconSchema = z.strictObject({
  crisis: Phrases,
  emergency: Phrases,
  /** Despair short of a crisis: the supportive line at least, and no downgrade of a crisis verdict. */
  despair: Phrases,
  refusal: z.strictObject({ dosing: Phrases, illegal_use: Phrases, medical_advice: Phrases }),
});

/** Stop-word lists of the languages the lexicon covers, for telling a non-English message apart cheaply. */
const OTHER_LANGUAGES: Record<string, string[]> = { es: spa, fr: fra, de: deu, pt: por, it: ita, nl: nld };

/** A question, not a statement about oneself: ends with "?" or opens like a question. */
export const QUESTION =
  /\?\s*$|^\s*(what|whats|how|why|when|where|who|which|does|do|did|is|are|can|could|should|would|will|has|have)\b/i;

export interface Lexicon {
  /**
   * A crisis phrase of any language occurs in the message (typo-tolerant). A question about suicide counts too
   * ("does ketamine help suicidal thoughts?" gets the crisis reply: README, "What the bot will not do").
   */
  crisis(text: string): boolean;
  /** Despair cues (hopelessness, giving up, "what's the point"), any covered language: the supportive line at least. */
  despair(text: string): boolean;
  /** Someone in danger now (not breathing, unresponsive, overdosed), in any covered language. */
  emergency(text: string): boolean;
  /** A refusal cue in another language, for messages already known not to be English. */
  refusal(text: string): RefusalCategory | undefined;
  /** The message's language when it is clearly not English (stop words of another language, or another script). */
  foreignLanguage(text: string): string | undefined;
}

/** Whole-phrase matcher over folded text ("no respira" matches "¡No respira!"). */
function matcher(phrases: string[]): (folded: string) => boolean {
  const set = phrases.map((p) => ` ${foldText(p)} `);
  return (folded, padded = ` ${folded} `) => set.some((p) => padded.includes(p));
}

export function loadLexicon(file = LEXICON_FILE): Lexicon {
  const data = LexiconSchema.parse(parse(readFileSync(file, 'utf8')));
  // Each text folded once for every list: the policy asks three lists about each reading (64: a turn's, and more).
  const fold = new LRUCache<string, string>({ max: 64, memoMethod: foldText });
  const all = (r: Record<string, string[]>) => Object.values(r).flat();
  const typoTolerant = (r: Record<string, string[]>) => phraseMatcher(all(r).map(foldText), { fuzzy: true });
  const [crisis, despair] = [typoTolerant(data.crisis), typoTolerant(data.despair)];
  // Exact words (no typo tolerance: "overdoses" is not "overdosed"), but Chinese matched without spaces and folded
  // contractions joined ("isn t breathing" = "isnt breathing"), as for crisis phrases.
  const emergency = phraseMatcher(all(data.emergency).map(foldText), { fuzzy: false });
  const refusals = (Object.entries(data.refusal) as [RefusalCategory, Record<string, string[]>][]).map(
    ([category, phrases]) => ({ category, test: matcher(all(phrases)) }),
  );
  const stop = Object.entries(OTHER_LANGUAGES).map(([lang, list]) => ({
    lang,
    words: new Set(list.map(foldText).filter((w) => !STOPWORDS.has(w))),
  }));
  return {
    crisis: (text) => crisis(fold.memo(text)) !== undefined,
    despair: (text) => despair(fold.memo(text)) !== undefined,
    emergency: (text) => emergency(fold.memo(text)) !== undefined,
    refusal: (text) => refusals.find((r) => r.test(fold.memo(text)))?.category,
    foreignLanguage(text) {
      const letters = text.match(/\p{L}/gu) ?? [];
      // Another script (Cyrillic, Arabic, CJK…) for most letters: not English, whichever language it is.
      const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
      if (letters.length >= 4 && latin < letters.length / 2) return 'other';
      // One-letter tokens say nothing ("what's" folds to "what s", and "s" is on the French list).
      const folded = fold.memo(text);
      const words = folded.split(' ').filter((w) => w.length > 1);
      const english = words.filter((w) => STOPWORDS.has(w)).length;
      let best = { lang: '', hits: 0 };
      for (const { lang, words: list } of stop) {
        const hits = words.filter((w) => list.has(w)).length;
        if (hits > best.hits) best = { lang, hits };
      }
      // Two foreign stop words outnumbering the English ones: "¿cuánto cuesta la sesión?" but not "Ketamine y/o".
      if (best.hits >= 2 && best.hits > english) return best.lang;
      // A short question has room for one: with no English stop word and a refusal cue of the lexicon, it is that
      // language too ("posso fazer com pressão alta?" was read as English and missed its cue).
      return best.hits === 1 && english === 0 && refusals.some((r) => r.test(folded)) ? best.lang : undefined;
    },
  };
}
