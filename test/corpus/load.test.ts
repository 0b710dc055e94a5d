import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpusData } from '../../src/corpus/corpus.js';
import { loadCorpus, parseArticle } from '../../src/corpus/load.js';
import { CorpusError } from '../../src/errors.js';

const good = (id = 'some-article', extra = '') =>
  `---\nid: ${id}\ntitle: Some Article\nsource: some.txt\n${extra}---\n\n# Title\n\nA sentence.\n`;

async function corpusDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kfb-corpus-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('front matter validation', () => {
  it.each([
    ['a missing title', '---\nid: a-b\nsource: s.txt\n---\nBody.\n', 'title'],
    ['a missing source', '---\nid: a-b\ntitle: T\n---\nBody.\n', 'source'],
    ['an id that is not a slug', '---\nid: Not A Slug\ntitle: T\nsource: s.txt\n---\nBody.\n', 'id'],
    ['an empty title', '---\nid: a-b\ntitle: ""\nsource: s.txt\n---\nBody.\n', 'title'],
  ])('%s is an error naming the file and the field', (_what, markdown, field) => {
    expect(() => parseArticle(markdown, 'corpus/bad.md')).toThrow(CorpusError);
    expect(() => parseArticle(markdown, 'corpus/bad.md')).toThrow(new RegExp(`corpus/bad\\.md.*"${field}"`));
  });

  it('missing front matter names the file', () => {
    expect(() => parseArticle('# Just a heading\n\nText.\n', 'corpus/none.md')).toThrow(
      /corpus\/none\.md: missing front matter/,
    );
  });

  it('front matter that is not YAML names the file', () => {
    expect(() => parseArticle('---\nid: [unclosed\n---\nText.\n', 'corpus/yaml.md')).toThrow(
      /corpus\/yaml\.md: front matter is not valid YAML/,
    );
  });

  it('accepts CRLF line endings', () => {
    const a = parseArticle(good().replace(/\n/g, '\r\n'), 'crlf.md');
    expect(a.id).toBe('some-article');
    expect(a.sections[0]?.paragraphs[0]?.sentences).toEqual(['A sentence.']);
  });
});

describe('loadCorpus', () => {
  it('rejects duplicate ids across files', async () => {
    const dir = await corpusDir({ 'a.md': good('same-id'), 'b.md': good('same-id') });
    await expect(loadCorpus(dir)).rejects.toThrow(/Duplicate article id "same-id"/);
  });

  it('reports the bad file among good ones', async () => {
    const dir = await corpusDir({ 'a.md': good('first'), 'b.md': '---\nid: second\nsource: x\n---\nText.\n' });
    await expect(loadCorpus(dir)).rejects.toThrow(/b\.md.*"title"/);
  });

  it('ignores README.md and non-Markdown files, sorts by file name', async () => {
    const dir = await corpusDir({
      'b.md': good('bee'),
      'a.md': good('ay'),
      'README.md': 'not an article',
      'notes.txt': 'x',
    });
    expect((await loadCorpus(dir)).map((a) => a.id)).toEqual(['ay', 'bee']);
  });

  it('a missing or empty folder is a clear CorpusError', async () => {
    await expect(loadCorpus(join(tmpdir(), 'kfb-does-not-exist-1234'))).rejects.toThrow(/cannot be read/);
    await expect(loadCorpus(await corpusDir({}))).rejects.toThrow(/has no \.md articles/);
  });

  it('the real corpus has the five articles with their stable ids', async () => {
    const ids = (await loadCorpus(resolve('corpus'))).map((a) => a.id).sort();
    expect(ids).toEqual([
      'is-ketamine-good-for-depression',
      'ketamine-for-depression',
      'ketamine-side-effects-and-risks',
      'ketamine-treatment-resistant-depression',
      'ketamine-what-is-it',
    ]);
  });
});

describe('loadCorpusData', () => {
  it('fails clearly when synonyms.yaml is missing from the corpus folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kfb-corpus-'));
    await cp(resolve('corpus'), dir, { recursive: true });
    await rm(join(dir, 'synonyms.yaml'));
    await expect(loadCorpusData(dir)).rejects.toThrow(/synonyms\.yaml/);
  });

  it('returns articles, chunks, synonyms and the raw synonyms text', async () => {
    const data = await loadCorpusData(resolve('corpus'));
    expect(data.articles).toHaveLength(5);
    expect(data.chunks.length).toBeGreaterThan(20);
    expect(data.synonymsText).toBe(await readFile(resolve('corpus/synonyms.yaml'), 'utf8'));
    expect(data.synonyms.expand('is it ok when expecting a baby').added).toContain('pregnant');
  });
});
