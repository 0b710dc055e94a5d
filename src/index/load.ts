import { readFile } from 'node:fs/promises';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { z } from 'zod';
import type { CorpusData } from '../corpus/corpus.js';
import { IndexError } from '../errors.js';
import type { Logger } from '../core/logger.js';
import { buildIndex } from './build.js';
import type { ModelEmbeddings } from '../core/embedder.js';
import { MANIFEST_FILE, TEXTS_FILE, VECTORS_FILE, type LoadedIndex } from './files.js';
import { hashCorpus, ManifestSchema, sha256, staleReason, type IndexFingerprint } from './manifest.js';

/** What the index must match for this corpus and model. */
export async function fingerprint(corpusDir: string, data: CorpusData, embeddings: ModelEmbeddings): Promise<IndexFingerprint> {
  return {
    model: { id: embeddings.modelId, dimensions: embeddings.dimensions },
    corpusHash: await hashCorpus(corpusDir),
    synonymsHash: sha256(data.synonymsText),
    chunker: data.chunker,
  };
}

/**
 * Loads an index folder, checking it against `expected`. Throws IndexError with code `index_missing`,
 * `index_corrupt` or `index_stale` (message says why) instead of crashing on a bad folder.
 */
export async function loadIndex(dir: string, expected: IndexFingerprint, embeddings: ModelEmbeddings): Promise<LoadedIndex> {
  let manifestText: string;
  try {
    manifestText = await readFile(`${dir}/${MANIFEST_FILE}`, 'utf8');
  } catch {
    throw new IndexError(`no index at ${dir}`, 'index_missing');
  }
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(manifestText);
  } catch {
    throw new IndexError('manifest.json is not valid JSON', 'index_corrupt');
  }
  const parsed = ManifestSchema.safeParse(manifestJson);
  if (!parsed.success) throw new IndexError(`manifest.json is invalid (${parsed.error.issues[0]?.path.join('.')})`, 'index_corrupt');
  const manifest = parsed.data;
  const stale = staleReason(manifest, expected);
  if (stale) throw new IndexError(stale, 'index_stale');

  try {
    const store = await HNSWLib.load(dir, embeddings);
    if (store.index.getCurrentCount() !== manifest.texts) throw new Error('vector count differs from manifest');
    // Every vector label must resolve to a stored text, or every question would fail at query time.
    if (store.docstore._docs.size !== manifest.texts) throw new Error('docstore size differs from manifest');
    const texts = z.array(z.string()).parse(JSON.parse(await readFile(`${dir}/${TEXTS_FILE}`, 'utf8')));
    const raw = await readFile(`${dir}/${VECTORS_FILE}`);
    const dims = manifest.model.dimensions;
    if (texts.length !== manifest.texts || raw.byteLength !== texts.length * dims * 4) throw new Error('text vectors do not match manifest');
    const floats = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    const textVectors = new Map(texts.map((t, i) => [t, Array.from(floats.subarray(i * dims, (i + 1) * dims))]));
    return { manifest, store, textVectors };
  } catch (error) {
    if (error instanceof IndexError) throw error;
    throw new IndexError(`index files are unreadable (${(error as Error).message})`, 'index_corrupt');
  }
}

/** Options for {@link ensureIndex}. */
export interface EnsureIndexOptions {
  indexDir: string;
  corpusDir: string;
  data: CorpusData;
  embeddings: ModelEmbeddings;
  logger: Logger;
}

/**
 * Loads the index, or rebuilds it — with one clear log line saying why — when it is missing, corrupt or stale.
 */
export async function ensureIndex(options: EnsureIndexOptions): Promise<{ index: LoadedIndex; rebuilt: boolean }> {
  const { indexDir, corpusDir, data, embeddings, logger } = options;
  const expected = await fingerprint(corpusDir, data, embeddings);
  try {
    return { index: await loadIndex(indexDir, expected, embeddings), rebuilt: false };
  } catch (error) {
    if (!(error instanceof IndexError)) throw error;
    logger.info('index_rebuild', { dir: indexDir, reason: `${error.code}: ${error.message}` });
    const index = await buildIndex(indexDir, corpusDir, data, embeddings);
    logger.info('index_built', { dir: indexDir, chunks: index.manifest.chunks, texts: index.manifest.texts, ms: index.manifest.buildMs });
    return { index, rebuilt: true };
  }
}
