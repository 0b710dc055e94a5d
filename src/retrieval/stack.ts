import { loadCorpusData, type CorpusData } from '../corpus/corpus.js';
import type { ModelEmbeddings } from '../core/embedder.js';
import type { LoadedIndex } from '../index/files.js';
import { ensureIndex } from '../index/load.js';
import type { Logger } from '../core/logger.js';
import { HybridRetriever } from './hybrid.js';
import { LangChainBm25Retriever, MiniSearchRetriever, type LexicalRetriever } from './lexical.js';

/** Options for {@link loadRetrievalStack}. */
export interface RetrievalStackOptions {
  corpusDir: string;
  indexDir: string;
  embeddings: ModelEmbeddings;
  logger: Logger;
  /** Lexical engine: MiniSearch by default (measured better, see evals/retrieval/README.md). */
  lexical?: 'minisearch' | 'langchain';
}

/** Corpus, index and retriever, loaded together (the index is rebuilt first if missing or stale). */
export interface RetrievalStack {
  data: CorpusData;
  index: LoadedIndex;
  retriever: HybridRetriever;
  lexical: LexicalRetriever;
  rebuilt: boolean;
}

export async function loadRetrievalStack(options: RetrievalStackOptions): Promise<RetrievalStack> {
  const data = await loadCorpusData(options.corpusDir);
  const { index, rebuilt } = await ensureIndex({ ...options, data });
  const lexical = options.lexical === 'langchain' ? new LangChainBm25Retriever(data.chunks) : new MiniSearchRetriever(data.chunks);
  const retriever = new HybridRetriever({ chunks: data.chunks, index, embeddings: options.embeddings, lexical, synonyms: data.synonyms });
  return { data, index, retriever, lexical, rebuilt };
}
