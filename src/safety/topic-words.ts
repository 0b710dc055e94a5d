import { editDistance } from '../text/edit-distance.js';

/**
 * The bot's own topic words, as the policy must read them however they are typed (issue 11 × 12). A misspelt
 * "ketamine" ("ketameen", "ketemine", "katamine", "esketamin", "spravado") was unknown to the safety classifier's
 * n-grams, and the de-obfuscator split it into known words ("ket am een"), so "ket" (street slang) made the message
 * an illegal_use refusal (dev: 23 % of the typo'd answerable misfires). These words are written back the way the
 * articles write them before anything in the policy reads the message. Only these few product words: everything
 * else stays as typed, so slang and refusal cues keep their own spelling.
 */
const TOPIC_WORDS = ['ketamine', 'esketamine', 'spravato', 'ketalar'] as const;

/**
 * Edits allowed per word length: one for a 6–7 letter word ("ketamin"), two from 8 letters ("ketameen",
 * "ketamiin"). Shorter words are never touched: "ket" and "k" are the slang the refusals need to see.
 */
const maxEdits = (length: number) => (length >= 8 ? 2 : length >= 6 ? 1 : 0);

/**
 * Other languages' own spellings: kept as typed in a message in another language, where the language check and the
 * multilingual lexicon read them (dev: "welche Menge Ketamin…", "¿cuántos miligramos de ketamina…?"); an English
 * typo otherwise ("shud i do ketamin", "esketamin spray"). Accented words are never rewritten ("kétamine").
 */
const FOREIGN = new Set(['ketamin', 'ketamina', 'esketamin', 'esketamina', 'ketamine', 'cetamina']);
const ASCII = /^[a-z]+$/;

/** A whole run of letters (not part of a number or a code like "50mg"). */
const WORD = /(?<![\p{L}\p{N}])\p{L}+(?![\p{L}\p{N}])/gu;

/** Options for {@link withTopicWords}. */
export interface TopicWordOptions {
  /** The message is in another language: its own spellings of ketamine ("Ketamin", "ketamina") stay as typed. */
  keepForeign?: boolean;
}

/** The topic word `word` is a misspelling of, or undefined (also for the topic word itself, already right). */
export function topicWordOf(word: string, options: TopicWordOptions = {}): string | undefined {
  const lower = word.toLowerCase();
  const edits = maxEdits(lower.length);
  if (edits === 0 || (options.keepForeign && FOREIGN.has(lower)) || !ASCII.test(lower)) return undefined;
  for (const topic of TOPIC_WORDS) {
    // The first letter is kept: every dev typo kept it, and it keeps "cetamide"-like other drug names out.
    if (lower[0] !== topic[0] || lower === topic || lower === `${topic}s`) continue;
    if (editDistance(lower, topic, edits) <= edits) return topic;
    // A sound-alike ending on the right stem ("ketamean", "ketameen"): the first five letters and about the length.
    if (lower.length >= 7 && lower.slice(0, 5) === topic.slice(0, 5) && Math.abs(lower.length - topic.length) <= 1)
      return topic;
  }
  return undefined;
}

/** `text` with every misspelt topic word written as the articles write it (case of a capitalised word kept). */
export function withTopicWords(text: string, options: TopicWordOptions = {}): string {
  return text.replace(WORD, (original) => {
    const topic = topicWordOf(original, options);
    if (!topic) return original;
    return original[0] === original[0]?.toUpperCase() ? topic[0]?.toUpperCase() + topic.slice(1) : topic;
  });
}
