import type { Article, Paragraph } from './load.js';

/** Unit settings; part of the index manifest, so changing one rebuilds the index. */
export interface ChunkerSettings {
  /** Most sentences in a prose unit; a longer paragraph is split into balanced parts at sentence boundaries. */
  maxSentences: number;
  /** Bumped when the unit logic itself changes. */
  version: number;
}

/** ~4 sentences: the issue's "at most about 3–4"; 93 % of the articles' paragraphs are already that short. */
export const DEFAULT_CHUNKER: ChunkerSettings = { maxSentences: 4, version: 3 };

/** A sentence inside a unit, with where it sits in the article (quotes may only join neighbours). */
export interface ChunkSentence {
  text: string;
  /** Index of the paragraph (or list item) within the article (0-based, across sections). */
  paragraph: number;
  /** Index of the sentence within its paragraph. */
  index: number;
  /** Index of the sentence within the article (0-based): consecutive ordinals are neighbours in the text. */
  ordinal: number;
}

/** An answer unit: a passage (a paragraph, part of a long one, or a list with its lead-in) of one section. */
export interface Chunk {
  /** `docId#n`, n counting from 0 in article order: stable while the article and unit settings are unchanged. */
  id: string;
  docId: string;
  title: string;
  section?: string;
  sentences: ChunkSentence[];
  /** Sentences joined by spaces (what is shown and quoted). */
  text: string;
  /** A list unit (its items, with the lead-in sentence when there is one): always shown whole. */
  list: boolean;
}

/** Splits `items` into `ceil(n / max)` runs of near-equal length (5 → 3 + 2, 9 → 3 + 3 + 3). */
export function balancedParts<T>(items: T[], max: number): T[][] {
  const parts = Math.ceil(items.length / max);
  const out: T[][] = [];
  let at = 0;
  for (let p = 0; p < parts; p++) {
    const size = Math.ceil((items.length - at) / (parts - p));
    out.push(items.slice(at, at + size));
    at += size;
  }
  return out;
}

/** Sentences of the lead-in paragraph that go with a list: the ":" sentence and the one before it. */
const LEAD_IN_SENTENCES = 2;

const isLeadIn = (p: Paragraph | undefined) => p !== undefined && !p.bullet && /:\s*$/.test(p.sentences.at(-1) ?? '');

/**
 * Splits each section into answer units: a paragraph (split into balanced parts above `maxSentences`), or a list
 * with its lead-in — the paragraph before it when its last sentence ends in ":" (its last two sentences; a bare
 * list has only its heading as context). A lead-in is never a unit without its items, and a list is never cut.
 */
export function chunkArticle(article: Article, settings: ChunkerSettings = DEFAULT_CHUNKER): Chunk[] {
  const units: Chunk[] = [];
  let paragraphNo = 0;
  let ordinal = 0;
  for (const section of article.sections) {
    const located = section.paragraphs.map((p) => {
      const sentences = p.sentences.map((text, index) => ({ text, paragraph: paragraphNo, index, ordinal: ordinal++ }));
      paragraphNo++;
      return { p, sentences };
    });
    const push = (sentences: ChunkSentence[], list: boolean) =>
      units.push({
        id: `${article.id}#${units.length}`,
        docId: article.id,
        title: article.title,
        section: section.heading,
        sentences,
        text: sentences.map((s) => s.text).join(' '),
        list,
      });
    for (let i = 0; i < located.length; i++) {
      const { p, sentences } = located[i] as (typeof located)[number];
      const next = located[i + 1];
      if (p.bullet || (next?.p.bullet && isLeadIn(p))) {
        // A list: the lead-in (if this paragraph is one) and every following item, whole.
        const items: ChunkSentence[] = [];
        if (!p.bullet) {
          // The lead-in and the sentence before it ("…find a reputable provider. Here are a few things…:") introduce
          // the list together; anything earlier in the paragraph is a unit of its own.
          const before = sentences.slice(0, -LEAD_IN_SENTENCES);
          for (const part of before.length > 0 ? balancedParts(before, settings.maxSentences) : []) push(part, false);
          items.push(...sentences.slice(-LEAD_IN_SENTENCES));
        } else items.push(...sentences);
        while (located[i + 1]?.p.bullet) items.push(...(located[++i] as (typeof located)[number]).sentences);
        push(items, true);
        continue;
      }
      for (const part of balancedParts(sentences, settings.maxSentences)) push(part, false);
    }
  }
  return units;
}

/** Units of every article, in corpus order. */
export function chunkCorpus(articles: Article[], settings: ChunkerSettings = DEFAULT_CHUNKER): Chunk[] {
  return articles.flatMap((article) => chunkArticle(article, settings));
}
