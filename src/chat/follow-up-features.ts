import { contentTerms } from '../text/stopwords.js';
import { words } from '../text/tokenize.js';
import { POINTS_BACK } from '../text/points-back.js';

/** Openers and closers that continue the previous question ("and over what time period?", "PTSD too?"). */
const OPENS = /^(and|also|plus|so|then|ok|okay|well|fine|what about|how about)\b/i;
const CLOSES = /\b(too|as well|also|then|instead)\s*[?.!]*$/i;
/** Names of the corpus's one subject: a message that names it sets its own topic. */
const NAMES_SUBJECT = /\b(ketamine?|ketamin|spravato)\b/i;

/**
 * The features of "does this message lean on an earlier turn?", in order. The follow-up model's weights
 * (follow-up-weights.json) are fitted on these by `npx tsx evals/follow-ups/run.ts --fit`; changing the list or
 * what one means makes the weights file stale (its `features` no longer match).
 */
export const ELLIPSIS_FEATURES = [
  'salient_known',
  'salient_unknown',
  'content_terms',
  'words_log',
  'points_back',
  'opens_continuation',
  'closes_continuation',
  'names_subject',
] as const;

/** What the features need to know of the corpus: whether a (stemmed) term occurs in it. */
export interface Vocabulary {
  has(term: string): boolean;
}

/**
 * The feature vector of a message. `salient` are its topic-bearing terms (generic question words removed), split by
 * whether the corpus knows them: a typo ("weks") or a lay word weighs differently from an article word (the fitted
 * weights say how much).
 */
export function ellipsisFeatures(message: string, salient: readonly string[], vocabulary?: Vocabulary): number[] {
  const text = message.trim();
  const known = vocabulary ? salient.filter((t) => vocabulary.has(t)).length : salient.length;
  return [
    known,
    salient.length - known,
    contentTerms(text).length,
    Math.log1p(words(text).length),
    POINTS_BACK.test(text) ? 1 : 0,
    OPENS.test(text) ? 1 : 0,
    CLOSES.test(text) ? 1 : 0,
    NAMES_SUBJECT.test(text) ? 1 : 0,
  ];
}
