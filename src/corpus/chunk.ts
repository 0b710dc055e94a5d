import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { Article } from './load.js';

/** Chunker settings; part of the index manifest, so changing one rebuilds the index. */
export interface ChunkerSettings {
  /** Target characters per chunk. */
  chunkSize: number;
  /** Characters of trailing sentences repeated at the start of the next chunk. */
  chunkOverlap: number;
  /** Bumped when the chunking logic itself changes. */
  version: number;
}

export const DEFAULT_CHUNKER: ChunkerSettings = { chunkSize: 550, chunkOverlap: 160, version: 2 };

/** A sentence inside a chunk, with where it sits in the article (quotes may only join neighbours). */
export interface ChunkSentence {
  text: string;
  /** Index of the paragraph within the article (0-based, across sections). */
  paragraph: number;
  /** Index of the sentence within its paragraph. */
  index: number;
}

export interface Chunk {
  /** `docId#n`, n counting from 0 in article order: stable while the article and chunker are unchanged. */
  id: string;
  docId: string;
  title: string;
  section?: string;
  sentences: ChunkSentence[];
  /** Sentences joined by spaces (what is shown and quoted). */
  text: string;
}

/**
 * Section-aware chunking on sentence boundaries with overlap. Each sentence is put on its own line and
 * LangChain's RecursiveCharacterTextSplitter may only split at newlines, so a chunk never cuts a sentence and
 * overlap repeats whole sentences. Chunks never span sections, so each knows its heading.
 */
export async function chunkArticle(article: Article, settings: ChunkerSettings = DEFAULT_CHUNKER): Promise<Chunk[]> {
  const splitter = new RecursiveCharacterTextSplitter({
    chunkSize: settings.chunkSize,
    chunkOverlap: settings.chunkOverlap,
    separators: ['\n'],
    keepSeparator: false,
  });
  const chunks: Chunk[] = [];
  let paragraphNo = 0;
  for (const section of article.sections) {
    const located: ChunkSentence[] = [];
    for (const paragraph of section.paragraphs) {
      paragraph.sentences.forEach((text, index) => located.push({ text, paragraph: paragraphNo, index }));
      paragraphNo++;
    }
    // A repeated sentence within one section maps to its first occurrence; the text (all that is quoted) is equal.
    const byText = new Map<string, ChunkSentence>();
    for (const s of located) if (!byText.has(s.text)) byText.set(s.text, s);
    const push = (sentences: ChunkSentence[]) =>
      chunks.push({
        id: `${article.id}#${chunks.length}`,
        docId: article.id,
        title: article.title,
        section: section.heading,
        sentences,
        text: sentences.map((s) => s.text).join(' '),
      });
    // The splitter may only cut at newlines, so a sentence longer than a chunk cannot go through it: such a
    // sentence becomes a chunk of its own and the runs around it are split normally.
    for (const run of runsAroundLongSentences(located, settings.chunkSize)) {
      if (run.length === 1 && (run[0] as ChunkSentence).text.length > settings.chunkSize) {
        push(run);
        continue;
      }
      for (const piece of await splitter.splitText(run.map((s) => s.text).join('\n'))) {
        push(
          piece
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean)
            .map((line) => {
              const found = byText.get(line);
              if (!found) throw new Error(`chunker lost a sentence: ${line.slice(0, 60)}`);
              return found;
            }),
        );
      }
    }
  }
  return chunks;
}

/** Splits sentences into runs, each over-long sentence (longer than `max`) alone in its own run. */
function runsAroundLongSentences(sentences: ChunkSentence[], max: number): ChunkSentence[][] {
  const runs: ChunkSentence[][] = [];
  let current: ChunkSentence[] = [];
  for (const s of sentences) {
    if (s.text.length > max) {
      if (current.length > 0) runs.push(current);
      runs.push([s]);
      current = [];
    } else current.push(s);
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/** Chunks every article, in corpus order. */
export async function chunkCorpus(articles: Article[], settings: ChunkerSettings = DEFAULT_CHUNKER): Promise<Chunk[]> {
  const all: Chunk[] = [];
  for (const article of articles) all.push(...(await chunkArticle(article, settings)));
  return all;
}
