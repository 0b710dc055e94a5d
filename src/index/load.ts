import { readFile } from 'node:fs/promises';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { CorpusData } from '../corpus/corpus.js';
import { IndexError } from '../errors.js';
import type { Logger } from '../core/logger.js';
import { buildIndex } from './build.js';
import type { ModelEmbeddings } from '../core/embedder.js';
import { MANIFEST_FILE, type LoadedIndex } from './files.js';
import { checkArgs, checkFiles, readStore } from './integrity.js';
import { hashCorpus, ManifestSchema, sha256, staleReason, type IndexFingerprint } from './manifest.js';

/** What the index must match for this corpus and model. */
export async function fingerprint(
  corpusDir: string,
  data: CorpusData,
  embeddings: ModelEmbeddings,
): Promise<IndexFingerprint> {
  return {
    model: { id: embeddings.modelId, dimensions: embeddings.dimensions },
    corpusHash: await hashCorpus(corpusDir),
    synonymsHash: sha256(data.synonymsText),
    bankHash: sha256(data.bankText),
    chunker: data.chunker,
  };
}

/**
 * Loads an index folder, checking it against `expected`. Throws IndexError with code `index_missing`,
 * `index_corrupt` or `index_stale` (message says why) instead of crashing on a bad folder. Every file must have the
 * size and sha256 the manifest recorded, and every vector must be a finite unit vector (issue 9, defect 7).
 */
export async function loadIndex(
  dir: string,
  expected: IndexFingerprint,
  embeddings: ModelEmbeddings,
): Promise<LoadedIndex> {
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
  if (!parsed.success)
    throw new IndexError(`manifest.json is invalid (${parsed.error.issues[0]?.path.join('.')})`, 'index_corrupt');
  const manifest = parsed.data;
  const stale = staleReason(manifest, expected);
  if (stale) throw new IndexError(stale, 'index_stale');

  try {
    await checkFiles(dir, manifest);
    await checkArgs(dir, manifest.model.dimensions);
    const store = await HNSWLib.load(dir, embeddings);
    return { manifest, store, ...readStore(store, manifest.texts) };
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
    logger.info('index_built', {
      dir: indexDir,
      chunks: index.manifest.chunks,
      texts: index.manifest.texts,
      ms: index.manifest.buildMs,
    });
    return { index, rebuilt: true };
  }
}
