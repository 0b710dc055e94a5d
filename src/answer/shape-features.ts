import { stem, words } from '../retrieval/text.js';
import { memoByText } from './memo.js';
import type { QueryTerms } from './query-terms.js';

/** "What is X?" / "What are the X?" / "Which X …?": asks for a definition or a list. */
const ASKS_WHAT = /\b(what|which)\b|\bwhat's\b/i;
const DEFINING = new Set(['is', 'are', 'was', 'were', 'include', 'includes', 'including', 'such', 'like', 'mean', 'means']);

/**
 * Whether the sentence defines or lists one of the question's terms: the term followed within four words by
 * "is / are / include / such as". "The most common side effects … are dizziness, nausea, and vomiting" answers
 * "what are the side effects?"; "it's important to be aware of possible side effects" only mentions them.
 */
export function defines(terms: QueryTerms, sentence: string): boolean {
  if (!ASKS_WHAT.test(terms.question)) return false;
  const own = new Set(terms.own);
  const tokens = words(sentence);
  for (let i = 0; i < tokens.length; i++) {
    if (!own.has(stem(tokens[i] as string))) continue;
    for (let j = i + 1; j <= i + 4 && j < tokens.length; j++) if (DEFINING.has(tokens[j] as string)) return true;
  }
  return false;
}

/**
 * Questions that ask for a kind of fact, and what a sentence holding that kind of fact looks like. A bonus, not a
 * filter (the hard filters for facts the articles never give live in answerability.ts).
 */
const TYPED_QUESTIONS: { question: RegExp; sentence: RegExp }[] = [
  {
    // how long / how soon / how quickly → a time span
    question: /\bhow (long|soon|quickly|fast)\b|\bduration\b|\bwhen (will|does|do|can)\b/i,
    sentence: /\b(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b|\bquickly\b|\brapid(ly)?\b|\bshort-lived\b/i,
  },
  {
    // how long does ONE session / infusion / appointment take → minutes or hours (not the weeks of a whole course)
    question: /\bhow long\b.{0,40}\b(session|infusion|appointment|visit|sitting|drip)\b(?!s)|\bhow long\b.{0,40}\b(each|one|single|an?) (session|infusion|appointment|visit)\b/i,
    sentence: /\b(minutes?|hours?)\b/i,
  },
  {
    // how many sessions / infusions / treatments → a count
    question: /\bhow many (sessions?|infusions?|treatments?|visits?|appointments?|times|rounds?)\b|\bhow often\b/i,
    sentence: /\b(\d+|one|two|three|few|several|multiple|series|many)\b.{0,30}\b(sessions?|infusions?|treatments?|visits?)\b/i,
  },
];

/** How many of the kinds of fact the question asks for this sentence has (a time span, a session's length, a count). */
export function answerTypeMatches(question: string, sentence: string): number {
  return TYPED_QUESTIONS.filter((t) => t.question.test(question) && t.sentence.test(sentence)).length;
}

/** Whether the question asks for a kind of fact this sentence has. */
export function matchesAnswerType(question: string, sentence: string): boolean {
  return answerTypeMatches(question, sentence) > 0;
}

/** Word pairs too common to mean anything ("of the", "it is"). */
const FILLER = new Set(['the', 'a', 'an', 'of', 'to', 'is', 'it', 'and', 'in', 'for', 'on', 'be', 'are', 'this', 'that']);

/** Stemmed adjacent word pairs of a text, stopwords included ("should not", "drive home"), filler pairs left out. */
export function bigrams(text: string): Set<string> {
  const w = words(text).map(stem);
  const out = new Set<string>();
  for (let i = 0; i + 1 < w.length; i++) {
    const a = w[i] as string;
    const b = w[i + 1] as string;
    if (FILLER.has(a) && FILLER.has(b)) continue;
    out.add(`${a} ${b}`);
  }
  return out;
}

const sentenceBigrams = memoByText(bigrams);

/** Share of the question's word pairs the sentence repeats: phrasing, and negation, that single terms miss. */
export function phraseOverlap(questionPairs: Set<string>, sentence: string): number {
  if (questionPairs.size === 0) return 0;
  const pairs = sentenceBigrams(sentence);
  let shared = 0;
  for (const p of questionPairs) if (pairs.has(p)) shared++;
  return shared / questionPairs.size;
}
