import type { BankQuestion } from '../corpus/question-bank.js';
import { Bm25Postings } from './bm25-postings.js';
import { fuzzyFor, MINISEARCH_OPTIONS, searchWithExpansions } from './lexical.js';

/** A BM25 hit on one bank question. */
export interface BankHit {
  /** Index into the bank. */
  question: number;
  score: number;
}

/**
 * BM25 over the bank's alternate questions (MiniSearch's scoring over typed-array postings, bm25-postings.ts; same tokenizer, stemmer and typo tolerance as the unit
 * index): the user ↔ bank-question side of matching, as custom question answering does it.
 */
export class BankLexical {
  private readonly index: Bm25Postings;
  private readonly fuzzy: (term: string) => number | false;

  /** @param known whether the corpus has a (processed) term: known terms are matched exactly. */
  constructor(bank: readonly Pick<BankQuestion, 'text'>[], known: (term: string) => boolean = () => false) {
    this.index = new Bm25Postings(
      bank.map((q) => ({ text: q.text })),
      { ...MINISEARCH_OPTIONS, fields: ['text'] },
    );
    this.fuzzy = fuzzyFor(known);
  }

  search(query: string, expansions: string[]): BankHit[] {
    return searchWithExpansions(this.index, this.fuzzy, query, expansions).map((r) => ({
      question: r.doc,
      score: r.score,
    }));
  }
}
