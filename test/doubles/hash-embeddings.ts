import { Embeddings } from '@langchain/core/embeddings';
import { normalize } from '../../src/core/vector.js';

/**
 * Deterministic bag-of-words embeddings (feature hashing). Not a model: a fast, dependency-free
 * stand-in so unit tests of code that *takes* an `Embeddings` need not load USE-lite.
 */
export class HashEmbeddings extends Embeddings {
  readonly modelId: string;
  constructor(readonly dimensions = 64) {
    super({});
    this.modelId = `hash-embeddings-${dimensions}`;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.vector(d));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }

  private vector(text: string): number[] {
    const v = new Array<number>(this.dimensions).fill(0);
    for (const token of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
      let h = 2166136261;
      for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 16777619);
      const idx = Math.abs(h) % this.dimensions;
      v[idx] = (v[idx] as number) + 1;
    }
    return normalize(v);
  }
}
