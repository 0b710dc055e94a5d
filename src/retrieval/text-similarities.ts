import type { DistanceScan } from './ip-scan.js';

/** What an HNSW `searchKnn` returns (hnswlib-node): labels nearest first, cosine-space distances (1 − cosine). */
export interface KnnResult {
  neighbors: number[];
  distances: number[];
}

/**
 * Cosine of a query to every stored text (sentences, headings, bank questions), indexed by a small integer text id
 * instead of a Map keyed by long strings: unit search reads ~1,000 of them per turn, and hashing and comparing
 * sentence-long keys was most of its time (CPU profile, 2026-12-01).
 *
 * The similarities are those of one exact HNSW search with k = all (ef = max(ef, k) makes it exhaustive), bit for
 * bit. A plain JS matrix-vector product rounds differently (up to 3e-7), so when a `scan` is given it is the wasm
 * SIMD pass of `ip-scan.ts`, which reproduces hnswlib's own float arithmetic and checks so at load.
 */
export class TextSimilarities {
  /** Distinct text → its id (ids 0…size−1, in first-label order). */
  private readonly ids = new Map<string, number>();
  /** Text id of every HNSW label. */
  private readonly labelText: Int32Array;

  /**
   * @param texts the text of every HNSW label (labels 0…n−1).
   * @param search the index's exact k-NN search.
   * @param scan the same distances by label in one pass (see `createIpScan`); `search` is used without it.
   */
  constructor(
    texts: readonly string[],
    private readonly search: (vector: number[], k: number) => KnnResult,
    private readonly scan?: DistanceScan,
  ) {
    this.labelText = new Int32Array(texts.length);
    texts.forEach((text, label) => {
      let id = this.ids.get(text);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(text, id);
      }
      this.labelText[label] = id;
    });
  }

  /** Distinct texts. */
  get size(): number {
    return this.ids.size;
  }

  /** The id of a stored text, or −1 when the index does not hold it. */
  idOf(text: string): number {
    return this.ids.get(text) ?? -1;
  }

  /**
   * Cosine of the query to every distinct text, by id (a text stored under several labels gets its best one, as
   * the first, nearest, hit did before). NaN marks a text the search did not return (none while k = all).
   */
  similarities(queryVector: number[]): Float64Array {
    if (this.scan) return this.fromScan(this.scan(queryVector));
    const { neighbors, distances } = this.search(queryVector, this.labelText.length);
    const out = new Float64Array(this.ids.size).fill(Number.NaN);
    for (let i = 0; i < neighbors.length; i++) {
      const id = this.labelText[neighbors[i] as number];
      // Nearest first: the first hit of a text is its best.
      if (id !== undefined && Number.isNaN(out[id] as number)) out[id] = 1 - (distances[i] as number);
    }
    return out;
  }

  /** The best (largest) similarity of each text over its labels: what the nearest-first first hit gave. */
  private fromScan(distances: Float32Array): Float64Array {
    const out = new Float64Array(this.ids.size).fill(Number.NEGATIVE_INFINITY);
    for (let label = 0; label < this.labelText.length; label++) {
      const id = this.labelText[label] as number;
      const sim = 1 - (distances[label] as number);
      if (sim > (out[id] as number)) out[id] = sim;
    }
    return out;
  }
}
