import { BANK_CACHE_FILE } from '../corpus/bank-cache.js';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Manifest } from './manifest.js';

export const MANIFEST_FILE = 'manifest.json';
/**
 * What LangChain's `HNSWLib.save` writes: the HNSW graph, which is also the only store of the vectors; its
 * arguments (space, dimensions); and the sentence or heading of every label. The manifest records the size and
 * sha256 of each, and a folder holding anything else is not trusted.
 */
export const STORE_FILES = ['args.json', 'docstore.json', 'hnswlib.index'] as const;

/** A usable index in memory. */
export interface LoadedIndex {
  manifest: Manifest;
  /** Sentence and heading vectors (HNSW, cosine space: scores are distances, lower is closer). */
  store: HNSWLib;
  /** The sentence or heading of every HNSW label (labels are 0…n−1, in build order). */
  texts: string[];
  /** Unit vectors of every sentence and section heading, by exact text, read back from the HNSW index. */
  textVectors: Map<string, number[]>;
}

/**
 * Files another module keeps in the index folder: the safety policy caches its exemplar vectors there
 * (`safety-exemplars.json`, written via `safety-exemplars.json.<pid>.tmp`), the corpus loader its parsed question
 * bank (`bank-cache.json`, keyed by the bank's hash). They are not the index's, so they are neither recorded nor
 * counted as unexpected; any other unrecorded file makes the folder untrusted.
 */
export function isForeignFile(name: string): boolean {
  return name.startsWith('safety-exemplars.json') || name.startsWith(BANK_CACHE_FILE);
}
