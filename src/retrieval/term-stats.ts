import type { Chunk } from '../corpus/chunk.js';
import { contentTerms } from '../text/stopwords.js';

/** Document frequencies of stemmed content terms over chunks, for IDF weights and vocabulary checks. */
export class TermStats {
  private readonly df = new Map<string, number>();
  /** Memo of {@link hasForm} (the corpus vocabulary is ~2,000 terms, questions repeat words). */
  private readonly forms = new Map<string, boolean>();
  /** IDF of every corpus term, computed once: the ranker's features ask for it thousands of times a turn. */
  private readonly idfs = new Map<string, number>();
  /** IDF of a term the corpus never uses (df 0). */
  private readonly unseenIdf: number;
  readonly chunkCount: number;

  constructor(chunks: Chunk[]) {
    this.chunkCount = chunks.length;
    for (const chunk of chunks) {
      for (const term of new Set(contentTerms(`${chunk.section ?? ''} ${chunk.text}`))) {
        this.df.set(term, (this.df.get(term) ?? 0) + 1);
      }
    }
    for (const [term, df] of this.df) this.idfs.set(term, idfOf(this.chunkCount, df));
    this.unseenIdf = idfOf(this.chunkCount, 0);
  }

  /** Whether the corpus uses this stemmed term at all. */
  has(term: string): boolean {
    return this.df.has(term);
  }

  /**
   * Whether the corpus uses this term or a close form of it: a shared stem of at least 5 letters that leaves at
   * most 3 letters over ("supervise" ~ "supervision", "pregnancy" ~ "pregnant", "euphoric" ~ "euphoria").
   */
  hasForm(term: string): boolean {
    if (this.df.has(term)) return true;
    if (term.length < 5) return false;
    let known = this.forms.get(term);
    if (known === undefined) {
      known = false;
      for (const t of this.df.keys()) {
        const common = commonPrefix(t, term);
        if (common >= 5 && term.length - common <= 3 && t.length - common <= 3) {
          known = true;
          break;
        }
      }
      this.forms.set(term, known);
    }
    return known;
  }

  /**
   * Whether the articles use this term (or a close form) in only a few passages: a word like "nausea" or
   * "pregnant" says a question is about what they cover, where "people" or "help" says nothing.
   */
  isSpecific(term: string, maxPassages = 12): boolean {
    return term.length >= 4 && this.hasForm(term) && (this.df.get(term) ?? 0) <= maxPassages;
  }

  /** Smoothed IDF; a term the corpus never uses gets the highest weight (it is the most specific). */
  idf(term: string): number {
    return this.idfs.get(term) ?? this.unseenIdf;
  }
}

function idfOf(chunkCount: number, df: number): number {
  return Math.log(1 + (chunkCount - df + 0.5) / (df + 0.5));
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
