import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkArticle, chunkCorpus, DEFAULT_CHUNKER, type Chunk } from '../../src/corpus/chunk.js';
import { embeddableTexts } from '../../src/corpus/corpus.js';
import { loadCorpus, parseArticle, type Article } from '../../src/corpus/load.js';

let articles: Article[];
let chunks: Chunk[];

beforeAll(async () => {
  articles = await loadCorpus(resolve('corpus'));
  chunks = await chunkCorpus(articles);
});

const holding = (fragment: string) => chunks.filter((c) => c.text.includes(fragment));

describe('section-aware chunks', () => {
  it('a chunk of an article without headings has no section', () => {
    const found = holding('typically lasting around 40 minutes');
    expect(found.length).toBeGreaterThan(0);
    for (const c of found) {
      expect(c.docId).toBe('ketamine-treatment-resistant-depression');
      expect(c.section).toBeUndefined();
    }
  });

  it('a chunk under a question heading knows its section', () => {
    const found = holding('up to 12 infusions');
    expect(found.length).toBeGreaterThan(0);
    for (const c of found) expect(c.section).toBe('How long does ketamine therapy last?');
  });

  it('text before the first ## belongs to the article title line', () => {
    const first = chunks.find((c) => c.docId === 'ketamine-what-is-it');
    expect(first?.section).toBe('Ketamine. What is it? Is it effective? Is it safe?');
  });

  it('never spans two sections and never cuts a sentence', () => {
    for (const article of articles) {
      const sentencesBySection = new Map(article.sections.map((s) => [s.heading, new Set(s.paragraphs.flatMap((p) => p.sentences))]));
      for (const c of chunks.filter((x) => x.docId === article.id)) {
        const own = sentencesBySection.get(c.section);
        expect(own, c.id).toBeDefined();
        for (const s of c.sentences) expect(own?.has(s.text), `${c.id}: ${s.text}`).toBe(true);
        expect(c.text).toBe(c.sentences.map((s) => s.text).join(' '));
      }
    }
  });

  it('stays near the target size and overlaps neighbours by whole sentences', () => {
    let overlaps = 0;
    for (let i = 0; i < chunks.length; i++) {
      const c = chunks[i] as Chunk;
      // A single sentence longer than the target is allowed to stand alone.
      if (c.sentences.length > 1) expect(c.text.length, c.id).toBeLessThanOrEqual(DEFAULT_CHUNKER.chunkSize + 10);
      const next = chunks[i + 1];
      if (next && next.docId === c.docId && next.section === c.section && next.sentences[0]?.text === c.sentences.at(-1)?.text) overlaps++;
    }
    expect(overlaps).toBeGreaterThan(0);
  });

  it('records where each sentence sits, so quotes join only true neighbours', () => {
    for (const c of chunks) {
      for (let i = 1; i < c.sentences.length; i++) {
        const a = c.sentences[i - 1];
        const b = c.sentences[i];
        if (!a || !b) continue;
        expect(b.paragraph > a.paragraph || (b.paragraph === a.paragraph && b.index === a.index + 1), c.id).toBe(true);
      }
    }
  });
});

describe('stable chunk ids', () => {
  it('are docId#n, counting from 0 in article order, and unique', () => {
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
    for (const article of articles) {
      const ids = chunks.filter((c) => c.docId === article.id).map((c) => c.id);
      expect(ids).toEqual(ids.map((_, i) => `${article.id}#${i}`));
    }
  });

  it('are identical across two chunking runs', async () => {
    const again = await chunkCorpus(await loadCorpus(resolve('corpus')));
    expect(again.map((c) => [c.id, c.section, c.text])).toEqual(chunks.map((c) => [c.id, c.section, c.text]));
  });

  it('of one article do not move when another article changes', async () => {
    const before = await chunkArticle(articles[0] as Article);
    const edited = articles.map((a, i) => (i === 1 ? parseArticle(`---\nid: ${a.id}\ntitle: x\nsource: y\n---\n\nOnly one sentence now.\n`, 'x.md') : a));
    const after = (await chunkCorpus(edited)).filter((c) => c.docId === articles[0]?.id);
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
  });

  it('change when the chunker settings change (which is why they are in the manifest)', async () => {
    // 300 stays above the longest sentence (225 chars): see the report on sentences longer than chunkSize.
    const small = await chunkCorpus(articles, { ...DEFAULT_CHUNKER, chunkSize: 300, chunkOverlap: 0 });
    expect(small.length).toBeGreaterThan(chunks.length);
  });
});

describe('embeddableTexts', () => {
  it('lists every sentence and section heading once', () => {
    const texts = embeddableTexts(chunks);
    expect(new Set(texts).size).toBe(texts.length);
    for (const c of chunks) {
      if (c.section) expect(texts).toContain(c.section);
      for (const s of c.sentences) expect(texts).toContain(s.text);
    }
  });
});
