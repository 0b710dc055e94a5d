import type { Chunk } from '../corpus/chunk.js';
import type { ModelEmbeddings } from '../core/embedder.js';
import type { LoadedIndex } from '../index/files.js';
import type { LexicalRetriever } from './lexical.js';
import type { SynonymExpander } from './synonyms.js';

/** One fused candidate passage. */
export interface RetrievedChunk {
  chunk: Chunk;
  /** Fused score (reciprocal rank fusion); only comparable within one query. */
  score: number;
  /** Cosine similarity to the query (1 − HNSW distance), when the dense side found it. */
  denseSim?: number;
  /** 0-based rank on each side, when found there. */
  denseRank?: number;
  lexicalRank?: number;
}

export type RetrievalMode = 'hybrid' | 'dense' | 'lexical';

/** Options for {@link HybridRetriever.retrieve}. */
export interface RetrieveOptions {
  /** Passages returned. */
  k: number;
  /** dense-only and lexical-only exist to measure what fusion adds (`npm run retrieval:eval`). */
  mode?: RetrievalMode;
  /** Candidates taken from each side before fusion. */
  candidates?: number;
  /** RRF constant: smaller trusts the top ranks of each list more. */
  rrfK?: number;
  /** Weight of the lexical list in the fusion (dense is 1). */
  lexicalWeight?: number;
}

/** Defaults chosen with `npm run retrieval:eval` (see evals/retrieval/README.md). */
export const RETRIEVAL_DEFAULTS = { candidates: 20, rrfK: 5, lexicalWeight: 1 } as const;

export interface RetrievalResult {
  results: RetrievedChunk[];
  queryVector: number[];
  /** Synonym phrases added on the lexical side. */
  expansions: string[];
  /** Words of the query that a synonym group recognised. */
  synonymMatched: string[];
}

/** Dense (HNSW over USE-lite) + BM25 (with synonym expansion), fused by reciprocal rank fusion. */
export class HybridRetriever {
  private readonly byId: Map<string, Chunk>;

  constructor(
    private readonly deps: {
      chunks: Chunk[];
      index: LoadedIndex;
      embeddings: ModelEmbeddings;
      lexical: LexicalRetriever;
      synonyms: SynonymExpander;
    },
  ) {
    this.byId = new Map(deps.chunks.map((c) => [c.id, c]));
  }

  async retrieve(query: string, options: RetrieveOptions): Promise<RetrievalResult> {
    const mode = options.mode ?? 'hybrid';
    const candidates = options.candidates ?? RETRIEVAL_DEFAULTS.candidates;
    const rrfK = options.rrfK ?? RETRIEVAL_DEFAULTS.rrfK;
    const lexicalWeight = options.lexicalWeight ?? RETRIEVAL_DEFAULTS.lexicalWeight;
    const { added: expansions, matched: synonymMatched } = this.deps.synonyms.expand(query);

    // The query vector is always computed: answer composition scores sentences with it.
    const [queryVector, lexicalHits] = await Promise.all([
      this.deps.embeddings.embedQuery(query),
      mode === 'dense' ? Promise.resolve([]) : this.deps.lexical.search(query, expansions, candidates),
    ]);
    const dense = mode === 'lexical' ? [] : this.denseRank(queryVector, candidates);

    const fused = new Map<string, RetrievedChunk>();
    const entry = (id: string): RetrievedChunk | undefined => {
      const chunk = this.byId.get(id);
      if (!chunk) return undefined;
      const found = fused.get(id);
      if (found) return found;
      const created = { chunk, score: 0 };
      fused.set(id, created);
      return created;
    };
    dense.forEach(({ chunkId, sim }, rank) => {
      const e = entry(chunkId);
      if (!e) return;
      e.denseSim = sim;
      e.denseRank = rank;
      e.score += 1 / (rrfK + rank + 1);
    });
    lexicalHits.forEach((hit, rank) => {
      const e = entry(hit.chunkId);
      if (!e) return;
      e.lexicalRank = rank;
      e.score += lexicalWeight / (rrfK + rank + 1);
    });
    const results = [...fused.values()].sort((a, b) => b.score - a.score).slice(0, options.k);
    return { results, queryVector, expansions, synonymMatched };
  }

  /**
   * Dense ranking of chunks, entirely from the HNSW index: it returns the nearest sentences and headings with
   * their distances; the chunks holding one of the nearest `candidates × 3` are scored by their best sentence plus
   * a share of their heading's similarity (headings often restate the question). No vector is re-scored here.
   */
  private denseRank(queryVector: number[], candidates: number): { chunkId: string; sim: number }[] {
    const { store, texts } = this.deps.index;
    // k = every text while the corpus is small (288 texts today, cap DENSE_NEIGHBOURS): hnswlib searches with
    // ef = max(ef, k), so the search is exact — every similarity equals the brute-force dot product (checked to
    // 1.4e-7) and `npm run retrieval:eval` gives the same figures as before. For a bigger corpus the cap makes it a
    // true approximate top-k; a heading the search did not return then adds nothing to its chunk.
    const k = Math.min(texts.length, DENSE_NEIGHBOURS);
    const { neighbors, distances } = store.index.searchKnn(queryVector, k);
    const sims = new Map<string, number>();
    neighbors.forEach((label, i) => {
      const text = texts[label];
      // Cosine space: distance = 1 − cosine similarity.
      if (text !== undefined && !sims.has(text)) sims.set(text, 1 - (distances[i] as number));
    });
    const near = new Set(neighbors.slice(0, candidates * 3).map((label) => texts[label]));
    const scored: { chunkId: string; sim: number }[] = [];
    for (const chunk of this.deps.chunks) {
      const touched =
        chunk.sentences.some((s) => near.has(s.text)) || (chunk.section !== undefined && near.has(chunk.section));
      if (touched) scored.push({ chunkId: chunk.id, sim: chunkSimilarity(chunk, sims) });
    }
    return scored.sort((a, b) => b.sim - a.sim).slice(0, candidates);
  }
}

/** Best sentence similarity plus HEADING_SHARE of the heading's similarity (0 for a text the search did not return). */
function chunkSimilarity(chunk: Chunk, sims: Map<string, number>): number {
  let best = -1;
  for (const s of chunk.sentences) best = Math.max(best, sims.get(s.text) ?? -1);
  const heading = chunk.section === undefined ? undefined : sims.get(chunk.section);
  return best + (heading === undefined ? 0 : HEADING_SHARE * heading);
}

/** Weight of the section heading in a chunk's dense score (measured: 0.3 beats 0 and 0.5 on the retrieval set). */
const HEADING_SHARE = 0.3;
/**
 * Texts asked of HNSW per query: all of them up to this size (exact search), an approximate top-k beyond. About 7×
 * today's 288 texts, so the search stays exact while the corpus grows several-fold.
 */
const DENSE_NEIGHBOURS = 2000;
