import type { Chunk } from '../corpus/chunk.js';
import { contentTerms } from './text.js';

/** Document frequencies of stemmed content terms over chunks, for IDF weights and vocabulary checks. */
export class TermStats {
  private readonly df = new Map<string, number>();
  readonly chunkCount: number;

  constructor(chunks: Chunk[]) {
    this.chunkCount = chunks.length;
    for (const chunk of chunks) {
      for (const term of new Set(contentTerms(`${chunk.section ?? ''} ${chunk.text}`))) {
        this.df.set(term, (this.df.get(term) ?? 0) + 1);
      }
    }
  }

  /** Whether the corpus uses this stemmed term at all. */
  has(term: string): boolean {
    return this.df.has(term);
  }

  /** Smoothed IDF; a term the corpus never uses gets the highest weight (it is the most specific). */
  idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (this.chunkCount - df + 0.5) / (df + 0.5));
  }
}
