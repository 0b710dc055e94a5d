import MiniSearch from 'minisearch';
import type { BankQuestion } from '../corpus/question-bank.js';
import { fuzzyFor, processTerm, searchWithExpansions, tokenize } from './lexical.js';

/** A BM25 hit on one bank question. */
export interface BankHit {
  /** Index into the bank. */
  question: number;
  score: number;
}

/**
 * BM25 over the bank's alternate questions (MiniSearch, same tokenizer, stemmer and typo tolerance as the unit
 * index): the user ↔ bank-question side of matching, as custom question answering does it.
 */
export class BankLexical {
  private readonly index: MiniSearch<{ id: number; text: string }>;

  /** @param known whether the corpus has a (processed) term: known terms are matched exactly. */
  constructor(bank: readonly Pick<BankQuestion, 'text'>[], known: (term: string) => boolean = () => false) {
    this.index = new MiniSearch({
      fields: ['text'],
      storeFields: [],
      tokenize,
      processTerm,
      searchOptions: { fuzzy: fuzzyFor(known), weights: { fuzzy: 0.3, prefix: 0.375 } },
    });
    this.index.addAll(bank.map((q, id) => ({ id, text: q.text })));
  }

  search(query: string, expansions: string[]): BankHit[] {
    return searchWithExpansions(this.index, query, expansions).map((r) => ({ question: Number(r.id), score: r.score }));
  }
}
