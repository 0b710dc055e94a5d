import { words } from '../text/tokenize.js';
import { memoByText } from './memo.js';

/** Token sets of corpus texts: answers compare the same units on every turn. */
const tokenSet = memoByText((text) => new Set(words(text)));

/** Token-set Jaccard similarity, to skip near-duplicates (the articles repeat themselves). */
export function jaccard(a: string, b: string): number {
  const ta = tokenSet(a);
  const tb = tokenSet(b);
  let inter = 0;
  for (const t of ta) if (tb.has(t)) inter++;
  const union = ta.size + tb.size - inter;
  return union === 0 ? 0 : inter / union;
}
