import type { Chunk } from '../corpus/chunk.js';
import { dot } from '../core/vector.js';
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
    const dense = mode === 'lexical' ? [] : await this.denseRank(queryVector, candidates);

    const fused = new Map<string, RetrievedChunk>();
    const entry = (id: string): RetrievedChunk | undefined => {
      const chunk = this.byId.get(id);
      if (!chunk) return undefined;
      let e = fused.get(id);
      if (!e) fused.set(id, (e = { chunk, score: 0 }));
      return e;
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
   * Dense ranking of chunks: HNSW finds the sentences and headings nearest the query; each chunk holding one is
   * scored by its best sentence plus a share of its heading's similarity (headings often restate the question).
   */
  private async denseRank(queryVector: number[], candidates: number): Promise<{ chunkId: string; sim: number }[]> {
    const { store, textVectors } = this.deps.index;
    const hits = await store.similaritySearchVectorWithScore(queryVector, Math.min(candidates * 3, textVectors.size));
    const nearTexts = new Set(hits.map(([doc]) => doc.pageContent));
    const scored: { chunkId: string; sim: number }[] = [];
    for (const chunk of this.deps.chunks) {
      const touched = chunk.sentences.some((s) => nearTexts.has(s.text)) || (chunk.section !== undefined && nearTexts.has(chunk.section));
      if (!touched) continue;
      scored.push({ chunkId: chunk.id, sim: this.chunkSimilarity(chunk, queryVector) });
    }
    return scored.sort((a, b) => b.sim - a.sim).slice(0, candidates);
  }

  /** Best sentence similarity plus HEADING_SHARE of the heading's similarity. */
  private chunkSimilarity(chunk: Chunk, queryVector: number[]): number {
    const vectors = this.deps.index.textVectors;
    let best = -1;
    for (const s of chunk.sentences) {
      const v = vectors.get(s.text);
      if (v) best = Math.max(best, dot(queryVector, v));
    }
    const heading = chunk.section ? vectors.get(chunk.section) : undefined;
    return best + (heading ? HEADING_SHARE * dot(queryVector, heading) : 0);
  }
}

/** Weight of the section heading in a chunk's dense score (measured: 0.3 beats 0 and 0.5 on the retrieval set). */
const HEADING_SHARE = 0.3;
