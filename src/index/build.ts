import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { Document } from '@langchain/core/documents';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { embeddableTexts, type CorpusData } from '../corpus/corpus.js';
import { sha256, hashCorpus, INDEX_FORMAT_VERSION, type Manifest } from './manifest.js';
import type { ModelEmbeddings } from '../core/embedder.js';
import { MANIFEST_FILE, type LoadedIndex } from './files.js';
import { readStore, recordFiles } from './integrity.js';
import { embedInLengthOrder } from './embed-texts.js';

/**
 * Embeds every sentence, section heading and bank question once (batched, by length) and stores them in one HNSW index.
 * Sentences, not whole units, are the dense unit of text: USE-lite is trained on sentence pairs, and on the retrieval set sentence-level
 * matching finds the right passage at rank 1 far more often than chunk vectors (see evals/retrieval/README.md).
 * The HNSW file is the only store of the vectors. The folder is written atomically: a crash mid-build never
 * leaves a half index behind.
 */
export async function buildIndex(
  dir: string,
  corpusDir: string,
  data: CorpusData,
  embeddings: ModelEmbeddings,
): Promise<LoadedIndex> {
  const started = performance.now();
  const texts = embeddableTexts(data.chunks, data.bank, data.notCovered);
  // Embedded shortest first (less padding per batch, see embed-texts.ts); stored in corpus order, so HNSW labels
  // and the graph's insertion order are what they always were.
  const textVectors = await embedInLengthOrder(embeddings, texts);
  const headings = new Set(data.chunks.map((c) => c.section));
  const store = new HNSWLib(embeddings, { space: 'cosine', numDimensions: embeddings.dimensions });
  await store.addVectors(
    textVectors,
    texts.map((text) => new Document({ pageContent: text, metadata: { heading: headings.has(text) } })),
  );

  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  try {
    await store.save(tmp);
    const manifest: Manifest = {
      formatVersion: INDEX_FORMAT_VERSION,
      model: { id: embeddings.modelId, dimensions: embeddings.dimensions },
      corpusHash: await hashCorpus(corpusDir),
      synonymsHash: sha256(data.synonymsText),
      bankHash: sha256(data.bankText),
      chunker: data.chunker,
      chunks: data.chunks.length,
      texts: texts.length,
      files: await recordFiles(tmp),
      builtAt: new Date().toISOString(),
      buildMs: Math.round(performance.now() - started),
    };
    // The manifest goes last: a folder without one is never trusted.
    await writeFile(`${tmp}/${MANIFEST_FILE}`, JSON.stringify(manifest, null, 2), 'utf8');
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
    // Vectors as the index holds them (float32, normalised), so a fresh build and a later load rank alike.
    return { manifest, store, ...readStore(store, texts.length) };
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}
