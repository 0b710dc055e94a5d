import type { ModelEmbeddings } from '../../src/core/embedder.js';
import { getConfig } from '../../src/config/env.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { silentLogger } from '../../src/logger.js';
import { loadRetrievalStack, type RetrievalStack } from '../../src/retrieval/stack.js';

/** The retrieval stack the dev scripts measure: the configured corpus and index, USE-lite, no logging. */
export function loadDevStack(embeddings: ModelEmbeddings = new UseLiteEmbeddings()): Promise<RetrievalStack> {
  const config = getConfig();
  return loadRetrievalStack({
    corpusDir: config.CORPUS_DIR,
    indexDir: config.INDEX_DIR,
    embeddings,
    logger: silentLogger,
  });
}
