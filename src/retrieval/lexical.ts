import { BM25Retriever } from '@langchain/community/retrievers/bm25';
import { Document } from '@langchain/core/documents';
import type { Chunk } from '../corpus/chunk.js';
import { stem } from '../text/stem.js';
import { isStopword } from '../text/stopwords.js';
import { foldQuotes, words } from '../text/tokenize.js';
import { Bm25Postings, type Bm25Hit } from './bm25-postings.js';

/** A lexical hit: chunk id and its BM25 score (higher is better; only comparable within one query). */
export interface LexicalHit {
  chunkId: string;
  score: number;
}

/** BM25 over chunks. `expansions` are synonym phrases, weighted below the user's own words. */
export interface LexicalRetriever {
  readonly name: string;
  search(query: string, expansions: string[], k: number): Promise<LexicalHit[]>;
}

/** Weight of a synonym-expansion term relative to a term the user typed. */
export const EXPANSION_WEIGHT = 0.5;

/** Lower-case, fold quotes, drop stop words, stem: the one term pipeline of every BM25 index. */
export function processTerm(term: string): string | null {
  const w = foldQuotes(term.toLowerCase());
  return isStopword(w) ? null : stem(w);
}

export const tokenize = (text: string): string[] => words(text);

/**
 * What every BM25 index shares: MiniSearch's tokenizer and term pipeline as before, and fuzzy matches weighted 0.3
 * (MiniSearch's `weights.fuzzy`; prefix matching was never on).
 */
export const MINISEARCH_OPTIONS = { tokenize, processTerm, fuzzyWeight: 0.3 } as const;

/**
 * Typo tolerance of MiniSearch: one edit in five letters (0.2) for a word of 6+ letters the corpus lacks; a word the
 * corpus has is matched exactly (fuzzy matching every word costs time and lets "ketamine" pull in lookalikes).
 */
export function fuzzyFor(known: (term: string) => boolean): (term: string) => number | false {
  return (t) => (t.length > 5 && !known(t) ? 0.2 : false);
}

/**
 * One query of the user's own processed terms plus synonym expansions, the expansions at {@link EXPANSION_WEIGHT}:
 * what MiniSearch's `search(terms.join(' '), { combineWith: 'OR', processTerm: identity, boostTerm })` was, over
 * typed-array postings (bm25-postings.ts, same scores and order). Shared by the unit and the question-bank indexes.
 */
export function searchWithExpansions(
  index: Bm25Postings,
  fuzzy: (term: string) => number | false,
  query: string,
  expansions: string[],
): Bm25Hit[] {
  const { own, tokens } = queryTerms(query, expansions);
  if (tokens.length === 0) return [];
  return index.search(
    tokens.map((term, i) => ({ term, boost: i < own.length ? 1 : EXPANSION_WEIGHT, fuzzy: fuzzy(term) })),
  );
}

/** The last query's processed terms: one turn searches three indexes (units, bank, not-covered) with the same query. */
let lastTerms: { query: string; expansions: string[]; own: string[]; tokens: string[] } | undefined;

/**
 * The user's own processed terms, then the expansions' new ones (tokenised and stemmed once per query); `tokens` are
 * what MiniSearch searched when it scored the query (the reference in the BM25 test and `npm run bench:bm25`).
 */
export function queryTerms(query: string, expansions: string[]): { own: string[]; tokens: string[] } {
  const last = lastTerms;
  if (last && last.query === query && sameStrings(last.expansions, expansions)) return last;
  const own = tokenize(query)
    .map(processTerm)
    .filter((t): t is string => t !== null);
  const extra = expansions
    .flatMap(tokenize)
    .map(processTerm)
    .filter((t): t is string => t !== null && !own.includes(t));
  const terms = [...own, ...new Set(extra)];
  // The query MiniSearch searched was these terms joined and tokenised again (the boost index counts those tokens).
  const tokens = tokenize(terms.join(' ')).filter((t) => !!t);
  lastTerms = { query, expansions: [...expansions], own, tokens };
  return lastTerms;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * MiniSearch (BM25+, field boosts, fuzzy matching for typos). The section heading is its own field with a
 * boost: article headings are often the very question a user asks. Fuzzy matching is retrieval's only typo
 * handling (the safety policy's typo fixer serves its regular-expression rules): without it the default hybrid
 * row of `npm run retrieval:eval` falls from 65.4% to 61.5% recall@1 (MRR 0.776 → 0.757).
 */
export class MiniSearchRetriever implements LexicalRetriever {
  readonly name = 'minisearch';
  private readonly index: Bm25Postings;
  private readonly ids: string[];
  private readonly fuzzy: (term: string) => number | false;

  /** @param known whether the corpus has a (processed) term: known terms are matched exactly, never fuzzily. */
  constructor(chunks: Chunk[], known: (term: string) => boolean = () => false) {
    this.index = new Bm25Postings(
      chunks.map((c) => ({ section: c.section ?? '', text: c.text })),
      { ...MINISEARCH_OPTIONS, fields: ['section', 'text'], boost: { section: 1.6, text: 1 } },
    );
    this.ids = chunks.map((c) => c.id);
    this.fuzzy = fuzzyFor(known);
  }

  async search(query: string, expansions: string[], k: number): Promise<LexicalHit[]> {
    return searchWithExpansions(this.index, this.fuzzy, query, expansions)
      .slice(0, k)
      .map((r) => ({ chunkId: this.ids[r.doc] as string, score: r.score }));
  }
}

/**
 * LangChain's BM25Retriever, fed pre-tokenised text (it only splits on whitespace, so punctuation and plurals would
 * otherwise never match). Kept to compare against MiniSearch in `npm run retrieval:eval`.
 */
export class LangChainBm25Retriever implements LexicalRetriever {
  readonly name = 'langchain-bm25';
  private readonly retriever: BM25Retriever;

  constructor(chunks: Chunk[]) {
    const docs = chunks.map(
      (c) => new Document({ pageContent: normalize(`${c.section ?? ''} ${c.text}`), metadata: { chunkId: c.id } }),
    );
    this.retriever = BM25Retriever.fromDocuments(docs, { k: chunks.length, includeScore: true });
  }

  async search(query: string, expansions: string[], k: number): Promise<LexicalHit[]> {
    const q = normalize([query, ...expansions].join(' '));
    if (q === '') return [];
    const docs = await this.retriever.invoke(q);
    return docs
      .map((d) => ({ chunkId: String(d.metadata.chunkId), score: Number(d.metadata.bm25Score) }))
      .filter((h) => h.score > 0)
      .slice(0, k);
  }
}

function normalize(text: string): string {
  return tokenize(text)
    .map(processTerm)
    .filter((t): t is string => t !== null)
    .join(' ');
}
