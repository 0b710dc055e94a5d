import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { balancedParts, chunkArticle, chunkCorpus, DEFAULT_CHUNKER, type Chunk } from '../../src/corpus/chunk.js';
import { embeddableTexts } from '../../src/corpus/corpus.js';
import { loadCorpus, parseArticle, type Article } from '../../src/corpus/load.js';

let articles: Article[];
let chunks: Chunk[];

beforeAll(async () => {
  articles = await loadCorpus(resolve('corpus'));
  chunks = await chunkCorpus(articles);
});

const holding = (fragment: string) => chunks.filter((c) => c.text.includes(fragment));

describe('answer units (section-aware passages)', () => {
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
      const sentencesBySection = new Map(
        article.sections.map((s) => [s.heading, new Set(s.paragraphs.flatMap((p) => p.sentences))]),
      );
      for (const c of chunks.filter((x) => x.docId === article.id)) {
        const own = sentencesBySection.get(c.section);
        expect(own, c.id).toBeDefined();
        for (const s of c.sentences) expect(own?.has(s.text), `${c.id}: ${s.text}`).toBe(true);
        expect(c.text).toBe(c.sentences.map((s) => s.text).join(' '));
      }
    }
  });

  it('are passages: at most four prose sentences, never overlapping, every sentence of the article in exactly one unit', () => {
    for (const article of articles) {
      const all = article.sections.flatMap((sec) => sec.paragraphs.flatMap((p) => p.sentences));
      const own = chunks.filter((c) => c.docId === article.id);
      expect(own.flatMap((c) => c.sentences.map((x) => x.text))).toEqual(all);
      for (const c of own)
        if (!c.list) expect(c.sentences.length, c.id).toBeLessThanOrEqual(DEFAULT_CHUNKER.maxSentences);
    }
  });

  it('keeps a list with its lead-in: the lead-in never appears without its items', () => {
    const leadIn = holding('Here are a few things to keep in mind when looking for a ketamine provider:');
    expect(leadIn).toHaveLength(1);
    const unit = leadIn[0] as Chunk;
    expect(unit.list).toBe(true);
    expect(unit.sentences.some((x) => /:$/.test(x.text))).toBe(true);
    expect(unit.text).toContain('it is essential to find a reputable provider');
    expect(unit.sentences.length).toBeGreaterThan(2);
    for (const c of chunks) {
      const last = c.sentences.at(-1)?.text ?? '';
      if (/:$/.test(last)) expect.fail(`${c.id} ends with its lead-in: the items are missing`);
    }
  });

  it('splits a long paragraph into balanced parts at sentence boundaries', () => {
    expect(balancedParts([1, 2, 3, 4, 5], 4).map((p) => p.length)).toEqual([3, 2]);
    expect(balancedParts([1, 2, 3, 4, 5, 6, 7, 8, 9], 4).map((p) => p.length)).toEqual([3, 3, 3]);
    expect(balancedParts([1, 2, 3, 4], 4)).toEqual([[1, 2, 3, 4]]);
  });

  it('records where each sentence sits, so quotes join only true neighbours', () => {
    for (const c of chunks) {
      for (let i = 1; i < c.sentences.length; i++) {
        const a = c.sentences[i - 1];
        const b = c.sentences[i];
        if (!a || !b) continue;
        expect(b.paragraph > a.paragraph || (b.paragraph === a.paragraph && b.index === a.index + 1), c.id).toBe(true);
        expect(b.ordinal, c.id).toBe(a.ordinal + 1);
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
    const edited = articles.map((a, i) =>
      i === 1 ? parseArticle(`---\nid: ${a.id}\ntitle: x\nsource: y\n---\n\nOnly one sentence now.\n`, 'x.md') : a,
    );
    const after = (await chunkCorpus(edited)).filter((c) => c.docId === articles[0]?.id);
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
  });

  it('change when the chunker settings change (which is why they are in the manifest)', async () => {
    const small = chunkCorpus(articles, { ...DEFAULT_CHUNKER, maxSentences: 2 });
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
