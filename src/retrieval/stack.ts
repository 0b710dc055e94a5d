import { loadCorpusData, type CorpusData } from '../corpus/corpus.js';
import type { ModelEmbeddings } from '../core/embedder.js';
import type { LoadedIndex } from '../index/files.js';
import { ensureIndex } from '../index/load.js';
import type { Logger } from '../core/logger.js';
import { BankLexical } from './bank-lexical.js';
import { HybridRetriever } from './hybrid.js';
import { LangChainBm25Retriever, MiniSearchRetriever, type LexicalRetriever } from './lexical.js';
import { QuerySpelling, SpelledUnitSearch } from './query-spelling.js';
import { TermStats } from './term-stats.js';
import type { UnitSearch } from './unit-search.js';

/** Options for {@link loadRetrievalStack}. */
export interface RetrievalStackOptions {
  corpusDir: string;
  indexDir: string;
  embeddings: ModelEmbeddings;
  logger: Logger;
  /** Staff-accepted alternate questions (ACCEPTED_QUESTIONS_FILE), merged into the question bank when present. */
  acceptedQuestionsFile?: string;
  /** Lexical engine: MiniSearch by default (measured better, see evals/retrieval/README.md). */
  lexical?: 'minisearch' | 'langchain';
}

/** Corpus, index and retrievers, loaded together (the index is rebuilt first if missing or stale). */
export interface RetrievalStack {
  data: CorpusData;
  index: LoadedIndex;
  /** Fused passage retrieval (kept for `npm run retrieval:eval`). */
  retriever: HybridRetriever;
  /** Every answer unit's match signals for a question (what the answer ranker reads). */
  units: UnitSearch;
  lexical: LexicalRetriever;
  /** Corrects a query's misspelt words; `units` searches the corrected query (the turn embeds the same text). */
  spelling: QuerySpelling;
  rebuilt: boolean;
}

export async function loadRetrievalStack(options: RetrievalStackOptions): Promise<RetrievalStack> {
  const data = await loadCorpusData(options.corpusDir, undefined, options.acceptedQuestionsFile, options.indexDir);
  const { index, rebuilt } = await ensureIndex({ ...options, data });
  // Fuzzy (typo) matching only for words the corpus lacks: a known word is matched exactly.
  const stats = new TermStats(data.chunks);
  const known = (term: string) => stats.has(term);
  const lexical =
    options.lexical === 'langchain'
      ? new LangChainBm25Retriever(data.chunks)
      : new MiniSearchRetriever(data.chunks, known);
  const bankLexical = new BankLexical(data.bank, known);
  const retriever = new HybridRetriever({
    chunks: data.chunks,
    index,
    embeddings: options.embeddings,
    lexical,
    synonyms: data.synonyms,
  });
  const spelling = QuerySpelling.fromCorpus(data);
  const units = new SpelledUnitSearch(
    {
      units: data.chunks,
      bank: data.bank,
      index,
      embeddings: options.embeddings,
      lexical,
      bankLexical,
      synonyms: data.synonyms,
      notCovered: {
        texts: data.notCovered,
        lexical: new BankLexical(
          data.notCovered.map((text) => ({ text })),
          known,
        ),
      },
    },
    spelling,
  );
  return { data, index, retriever, units, lexical, spelling, rebuilt };
}
