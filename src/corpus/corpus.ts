import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSynonyms, type SynonymExpander } from './synonyms.js';
import { chunkCorpus, DEFAULT_CHUNKER, type Chunk, type ChunkerSettings } from './chunk.js';
import { loadCorpus, type Article } from './load.js';

/** The synonyms file inside the corpus folder. */
export const SYNONYMS_FILE = 'synonyms.yaml';

/** Everything the bot knows, derived from the corpus folder. */
export interface CorpusData {
  articles: Article[];
  chunks: Chunk[];
  synonyms: SynonymExpander;
  /** Raw synonyms file text (hashed into the index manifest). */
  synonymsText: string;
  chunker: ChunkerSettings;
}

/** Loads articles, chunks them and loads the synonym groups. Milliseconds for this corpus. */
export async function loadCorpusData(corpusDir: string, chunker: ChunkerSettings = DEFAULT_CHUNKER): Promise<CorpusData> {
  const articles = await loadCorpus(corpusDir);
  const synonymsPath = join(corpusDir, SYNONYMS_FILE);
  const [chunks, synonyms, synonymsText] = await Promise.all([
    chunkCorpus(articles, chunker),
    loadSynonyms(synonymsPath),
    readFile(synonymsPath, 'utf8'),
  ]);
  return { articles, chunks, synonyms, synonymsText, chunker };
}

/** Every text that gets its own vector: each sentence and each section heading, once. */
export function embeddableTexts(chunks: Chunk[]): string[] {
  const texts = new Set<string>();
  for (const chunk of chunks) {
    if (chunk.section) texts.add(chunk.section);
    for (const s of chunk.sentences) texts.add(s.text);
  }
  return [...texts];
}
