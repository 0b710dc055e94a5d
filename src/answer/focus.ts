import { splitSentences } from '../text/sentences.js';
import { wordCount } from '../text/tokenize.js';

/**
 * Words from which a message counts as long: a personal preamble around the question ("My grandfather had surgery
 * years ago and … what has ketamine been used for?"). 25 is about twice the longest plain question of the dev set.
 */
export const LONG_MESSAGE_WORDS = 25;

/**
 * The part of a message that asks: for a long message of several sentences, its question sentence(s) (those
 * ending in "?", else the last sentence); otherwise the whole message. Matching uses only this text, so a
 * preamble's words (family, work, surgery) neither pull in other units nor count as out of vocabulary. One text,
 * so still one embedding per turn.
 */
export function focusText(message: string): string {
  if (wordCount(message) < LONG_MESSAGE_WORDS) return message;
  const sentences = splitSentences(message);
  if (sentences.length < 2) return message;
  const questions = sentences.filter((s) => /\?\s*$/.test(s));
  return questions.length > 0 ? questions.join(' ') : (sentences.at(-1) as string);
}
