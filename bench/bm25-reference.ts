import MiniSearch from 'minisearch';
import { Bm25Postings } from '../src/retrieval/bm25-postings.js';
import { EXPANSION_WEIGHT, processTerm, queryTerms, tokenize } from '../src/retrieval/lexical.js';

/**
 * MiniSearch as src/retrieval ran it before the typed-array postings (bm25-postings.ts): the reference that
 * `test/retrieval/bm25-postings.test.ts` compares the postings with, and `npm run bench:bm25` times them against.
 */

/** Both engines over the same documents, with the options every index of the stack uses. */
export function bm25Engines(
  docs: readonly Record<string, string>[],
  fields: string[],
  fuzzy: (term: string) => number | false,
  boost?: Record<string, number>,
) {
  const reference = new MiniSearch<Record<string, string | number>>({
    fields,
    storeFields: [],
    tokenize,
    processTerm,
    searchOptions: { ...(boost && { boost }), fuzzy, weights: { fuzzy: 0.3, prefix: 0.375 } },
  });
  reference.addAll(docs.map((d, id) => ({ ...d, id })));
  const postings = new Bm25Postings(docs, { fields, boost, tokenize, processTerm, fuzzyWeight: 0.3 });
  return { reference, postings };
}

/** The MiniSearch search the postings replace: the query's processed terms, expansions at EXPANSION_WEIGHT. */
export function miniSearchReference(
  index: MiniSearch<Record<string, string | number>>,
  query: string,
  expansions: string[],
): [number, number][] {
  const { own, tokens } = queryTerms(query, expansions);
  if (tokens.length === 0) return [];
  return index
    .search(tokens.join(' '), {
      combineWith: 'OR',
      processTerm: (t) => t,
      boostTerm: (_t, i) => (i < own.length ? 1 : EXPANSION_WEIGHT),
    })
    .map((r) => [Number(r.id), r.score]);
}
