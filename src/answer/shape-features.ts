import { stem } from '../text/stem.js';
import { words } from '../text/tokenize.js';
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
