import { contentTerms } from '../text/stopwords.js';

/** Terms of a question: the user's own and the synonym expansions (counted at half weight). */
export interface QueryTerms {
  /** The question as asked. */
  question: string;
  own: string[];
  expanded: string[];
}

export function queryTerms(query: string, expansions: string[]): QueryTerms {
  const own = [...new Set(contentTerms(query))];
  const expanded = [...new Set(contentTerms(expansions.join(' ')))].filter((t) => !own.includes(t));
  return { question: query, own, expanded };
}
