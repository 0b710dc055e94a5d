import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkCorpus, type Chunk } from '../../src/corpus/chunk.js';
import { parseRawArticle, toMarkdown } from '../../src/corpus/clean.js';
import { loadCorpus, type Article } from '../../src/corpus/load.js';
import { splitSentences } from '../../src/text/sentences.js';
import { BOILERPLATE_PHRASES, HAVE_SOURCES, isRawBoilerplate, SOURCE_DIR, squash } from './fixtures.js';

const CORPUS_DIR = resolve('corpus');

describe.skipIf(!HAVE_SOURCES)('the committed corpus against the source articles as supplied', () => {
  let articles: Article[];
  let chunks: Chunk[];
  let files: Map<string, string>;
  let raws: Map<string, string>;

  beforeAll(async () => {
    articles = await loadCorpus(CORPUS_DIR);
    chunks = await chunkCorpus(articles);
    files = new Map();
    raws = new Map();
    for (const a of articles) {
      files.set(a.id, await readFile(join(CORPUS_DIR, `${a.id}.md`), 'utf8'));
      raws.set(a.id, await readFile(join(SOURCE_DIR, a.source), 'utf8'));
    }
  });

  it('has one corpus file per source article', async () => {
    const sources = (await readdir(SOURCE_DIR)).filter((f) => f.endsWith('.txt')).sort();
    expect(articles.map((a) => a.source).sort()).toEqual(sources);
  });

  it('keeps no web boilerplate in any corpus file, chunk text or section heading', () => {
    for (const [id, text] of files)
      for (const phrase of BOILERPLATE_PHRASES) expect(text, `${id}: ${phrase}`).not.toContain(phrase);
    for (const c of chunks) {
      for (const phrase of BOILERPLATE_PHRASES) {
        expect(c.text, `${c.id}: ${phrase}`).not.toContain(phrase);
        expect(c.section ?? '', `${c.id} heading: ${phrase}`).not.toContain(phrase);
      }
    }
  });

  it('the source articles really do carry boilerplate (so the check above means something)', () => {
    const all = [...raws.values()].join('\n');
    expect(BOILERPLATE_PHRASES.filter((p) => all.includes(p)).length).toBeGreaterThanOrEqual(5);
  });

  it('loses no sentence: every sentence of every article line is verbatim in its corpus file and in some chunk', () => {
    for (const article of articles) {
      const file = files.get(article.id) as string;
      const headings = new Set([...file.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]));
      const chunkSentences = new Set(
        chunks.filter((c) => c.docId === article.id).flatMap((c) => c.sentences.map((s) => s.text)),
      );
      let checked = 0;
      for (const rawLine of (raws.get(article.id) as string).split(/\r?\n/)) {
        const line = squash(rawLine.replace(/^\s*•\s*/, ''));
        if (line === '' || isRawBoilerplate(line)) continue;
        if (headings.has(line.replace(/:$/, ''))) continue; // became a heading (its trailing colon dropped)
        for (const sentence of splitSentences(line)) {
          checked++;
          expect(file, `${article.id}: "${sentence}" missing from the corpus file`).toContain(sentence);
          expect(chunkSentences.has(sentence), `${article.id}: "${sentence}" in no chunk`).toBe(true);
        }
      }
      expect(checked, article.id).toBeGreaterThan(5);
    }
  });

  it('adds nothing: every corpus sentence and heading comes from the source article', () => {
    for (const article of articles) {
      const raw = squash((raws.get(article.id) as string).replace(/•/g, ' '));
      for (const section of article.sections) {
        if (section.heading) expect(raw, `${article.id} heading`).toContain(section.heading);
        for (const p of section.paragraphs)
          for (const s of p.sentences) expect(raw, `${article.id}: "${s}"`).toContain(s);
      }
    }
  });

  it('has not drifted from the cleaner: re-cleaning each source gives the committed file byte for byte', () => {
    for (const article of articles) {
      const regenerated = toMarkdown(
        { id: article.id, title: article.title, source: article.source },
        parseRawArticle(raws.get(article.id) as string),
      );
      expect(regenerated, article.id).toBe(files.get(article.id));
    }
  });

  it('has not drifted from scripts/import-articles.ts: running it into a fresh folder reproduces corpus/*.md', async () => {
    const work = await mkdtemp(join(tmpdir(), 'kfb-import-'));
    await mkdir(join(work, 'corpus'));
    await promisify(execFile)(resolve('node_modules/.bin/tsx'), [resolve('scripts/import-articles.ts'), SOURCE_DIR], {
      cwd: work,
      timeout: 30_000,
    });
    const produced = (await readdir(join(work, 'corpus'))).sort();
    expect(produced).toEqual(articles.map((a) => `${a.id}.md`).sort());
    for (const name of produced) {
      expect(await readFile(join(work, 'corpus', name), 'utf8'), name).toBe(files.get(name.replace(/\.md$/, '')));
    }
  });
});
