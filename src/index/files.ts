import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Manifest } from './manifest.js';

export const MANIFEST_FILE = 'manifest.json';
/** JSON array of the sentences and headings with stored vectors, in vector order. */
export const TEXTS_FILE = 'texts.json';
/** Float32 vectors of TEXTS_FILE, row-major. */
export const VECTORS_FILE = 'text-vectors.f32';

/** A usable index in memory. */
export interface LoadedIndex {
  manifest: Manifest;
  /** Sentence and heading vectors (HNSW, cosine space: scores are distances, lower is closer). */
  store: HNSWLib;
  /** Unit vectors of every sentence and section heading, by exact text. */
  textVectors: Map<string, number[]>;
}
