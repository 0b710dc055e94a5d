import { LRUCache } from 'lru-cache';
import SearchableMap from 'minisearch/SearchableMap';

/**
 * MiniSearch's BM25+ search (v7: OR of the query terms, field boosts, fuzzy matching, term boosts), recomputed over
 * postings built once in typed arrays, with the very same floating-point operations in the same order: scores and
 * result order (ties included) equal MiniSearch's bit for bit (test/retrieval/bm25-postings.test.ts checks it).
 *
 * Why: MiniSearch scores each posting on every query (a BM25 formula, several Map lookups, a result object with term
 * arrays and a match record per document), and a turn searches three indexes (units, bank, not-covered): it was the
 * largest share of unit search (CPU profile, 2026-12-02). Here a posting's BM25 value is computed at build time and a
 * query is multiply-adds into two Float64Arrays. The vocabulary is MiniSearch's own radix tree (SearchableMap, built
 * by inserting the terms in MiniSearch's order), so fuzzy matches come back in the same order.
 */

/** BM25+ parameters: MiniSearch's defaults (k 1.2, b 0.7, d 0.5), which the indexes always used. */
const K = 1.2;
const B = 0.7;
const D = 0.5;
/** MiniSearch's default cap on a fuzzy edit distance. */
const MAX_FUZZY = 6;

/** One query term: what MiniSearch's `termToQuerySpec` makes of it. */
export interface TermSpec {
  term: string;
  /** The term's boost (boostTerm). */
  boost: number;
  /** Fuzzy setting: a share of the term length below 1, an edit distance from 1, or false. */
  fuzzy: number | false;
}

/** Options of {@link Bm25Postings}: those of the MiniSearch index it replaces. */
export interface Bm25PostingsOptions {
  /** Fields indexed, in MiniSearch's `fields` order (the order scores are summed in). */
  fields: readonly string[];
  /** Field boosts (1 when absent), as `searchOptions.boost`. */
  boost?: Readonly<Record<string, number>>;
  tokenize: (text: string) => string[];
  processTerm: (term: string) => string | null;
  /** `searchOptions.weights.fuzzy`. */
  fuzzyWeight: number;
}

/** A hit: the document's position in the indexed list and its score. */
export interface Bm25Hit {
  doc: number;
  score: number;
}

export class Bm25Postings {
  private readonly vocab = new SearchableMap<number>();
  /** Postings of term t, field f: [starts[t·F + f], starts[t·F + f + 1]) in docs / raw. */
  private readonly starts: Int32Array;
  private readonly docs: Int32Array;
  /** BM25+ value of each posting (MiniSearch's calcBM25Score, computed once). */
  private readonly raw: Float64Array;
  private readonly fieldBoosts: number[];
  private readonly fuzzyWeight: number;
  private readonly total: Float64Array;
  private readonly spec: Float64Array;
  private readonly quality: Float64Array;
  /** Query-local stamps: in which spec (1-based) a document was last touched; 0 = not yet in this query. */
  private readonly specStamp: Int32Array;
  private readonly seenStamp: Int32Array;
  private stamp = 0;
  /**
   * Fuzzy matches by term and distance, in the radix tree's order: the walk was the largest cost left (CPU profile,
   * 2026-12-02), and the words it runs for (6+ letters, unknown to the corpus) recur across visitors' messages
   * ("really", "actually", "someone"). 1,000 entries: a few hundred KB at most over three indexes.
   */
  private readonly fuzzyMatches = new LRUCache<string, { id: number; weight: number }[]>({ max: 1000 });

  constructor(documents: readonly Readonly<Record<string, unknown>>[], options: Bm25PostingsOptions) {
    const F = options.fields.length;
    this.fieldBoosts = options.fields.map((f) => options.boost?.[f] || 1);
    this.fuzzyWeight = options.fuzzyWeight;
    const n = documents.length;
    const fieldLength = new Float64Array(n * F);
    const avg: number[] = new Array(F).fill(0);
    // term id → field → [doc, freq] pairs, docs ascending (documents are added in order).
    const lists: { doc: number; freq: number }[][][] = [];
    documents.forEach((document, doc) => {
      options.fields.forEach((field, f) => {
        const value = document[field];
        if (value == null) return;
        const tokens = options.tokenize(String(value));
        const length = new Set(tokens).size;
        fieldLength[doc * F + f] = length;
        // MiniSearch's running mean (addFieldLength), kept in its own operation order.
        avg[f] = ((avg[f] || 0) * doc + length) / (doc + 1);
        for (const token of tokens) {
          const term = options.processTerm(token);
          if (!term) continue;
          let id = this.vocab.get(term);
          if (id === undefined) {
            id = lists.length;
            this.vocab.set(term, id);
            lists.push(options.fields.map(() => []));
          }
          const list = (lists[id] as { doc: number; freq: number }[][])[f] as { doc: number; freq: number }[];
          const last = list.at(-1);
          if (last?.doc === doc) last.freq++;
          else list.push({ doc, freq: 1 });
        }
      });
    });
    this.starts = new Int32Array(lists.length * F + 1);
    const size = lists.reduce((s, fs) => s + fs.reduce((t, l) => t + l.length, 0), 0);
    this.docs = new Int32Array(size);
    this.raw = new Float64Array(size);
    let at = 0;
    lists.forEach((fs, t) => {
      fs.forEach((list, f) => {
        this.starts[t * F + f] = at;
        for (const { doc, freq } of list) {
          this.docs[at] = doc;
          this.raw[at++] = bm25(freq, list.length, n, fieldLength[doc * F + f] as number, avg[f] as number);
        }
      });
    });
    this.starts[lists.length * F] = at;
    this.total = new Float64Array(n);
    this.spec = new Float64Array(n);
    this.quality = new Float64Array(n);
    this.specStamp = new Int32Array(n);
    this.seenStamp = new Int32Array(n);
  }

  /** MiniSearch's `search(query, { combineWith: 'OR', ... })` for these query terms: hits best first. */
  search(specs: readonly TermSpec[]): Bm25Hit[] {
    const { fuzzyWeight } = this;
    const order: number[] = [];
    const seen = ++this.stamp;
    specs.forEach((spec, j) => {
      // The j-th spec's stamp: unique per query and spec (stamps only grow).
      const stamp = ++this.stamp;
      // A repeated query term matches the same documents again: it adds score, never quality.
      const first = specs.findIndex((s) => s.term === spec.term) === j;
      const touched: number[] = [];
      const add = (id: number | undefined, weight: number) => {
        if (id === undefined) return;
        this.fieldBoosts.forEach((fieldBoost, f) => {
          const w = weight * spec.boost * fieldBoost * 1;
          const F = this.fieldBoosts.length;
          const end = this.starts[id * F + f + 1] as number;
          for (let p = this.starts[id * F + f] as number; p < end; p++) {
            const doc = this.docs[p] as number;
            const v = w * (this.raw[p] as number);
            if (this.specStamp[doc] === stamp) this.spec[doc] = (this.spec[doc] as number) + v;
            else {
              this.specStamp[doc] = stamp;
              this.spec[doc] = v;
              touched.push(doc);
            }
          }
        });
      };
      add(this.vocab.get(spec.term), 1);
      if (spec.fuzzy !== false) {
        const len = spec.term.length;
        const max = spec.fuzzy < 1 ? Math.min(MAX_FUZZY, Math.round(len * spec.fuzzy)) : spec.fuzzy;
        if (max) for (const { id, weight } of this.fuzzy(spec.term, max, fuzzyWeight)) add(id, weight);
      }
      for (const doc of touched) {
        if (this.seenStamp[doc] !== seen) {
          this.seenStamp[doc] = seen;
          this.total[doc] = this.spec[doc] as number;
          this.quality[doc] = 1;
          order.push(doc);
        } else {
          this.total[doc] = (this.total[doc] as number) + (this.spec[doc] as number);
          if (first) this.quality[doc] = (this.quality[doc] as number) + 1;
        }
      }
    });
    const hits = order.map((doc) => ({ doc, score: (this.total[doc] as number) * (this.quality[doc] as number) }));
    return hits.sort((a, b) => b.score - a.score);
  }

  /** The vocabulary's terms within `max` edits of `term` (the term itself excluded) with their fuzzy weights. */
  private fuzzy(term: string, max: number, fuzzyWeight: number): { id: number; weight: number }[] {
    const key = `${max}\u0000${term}`;
    let matches = this.fuzzyMatches.get(key);
    if (!matches) {
      matches = [];
      for (const [match, [id, distance]] of this.vocab.fuzzyGet(term, max))
        if (distance) matches.push({ id, weight: (fuzzyWeight * match.length) / (match.length + distance) });
      this.fuzzyMatches.set(key, matches);
    }
    return matches;
  }
}

/** MiniSearch's calcBM25Score, operation for operation. */
function bm25(termFreq: number, matching: number, total: number, fieldLength: number, avgFieldLength: number): number {
  const invDocFreq = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  return invDocFreq * (D + (termFreq * (K + 1)) / (termFreq + K * (1 - B + (B * fieldLength) / avgFieldLength)));
}
