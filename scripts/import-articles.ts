/**
 * Imports the source articles (../shared/source-articles, exactly as supplied) into corpus/*.md.
 * Run again after a source changes: `npx tsx scripts/import-articles.ts [SOURCE_DIR]`.
 * To add an article, add its file to the source folder and a line to ARTICLES below.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseRawArticle, toMarkdown, type ArticleMeta } from '../src/corpus/clean.js';

/** Stable ids and human titles: ids are part of every chunk id and citation, so never rename one. */
const ARTICLES: ArticleMeta[] = [
  {
    source: '000_5bb50e4e58be71a3.txt',
    id: 'ketamine-what-is-it',
    title: 'Ketamine: What Is It? Is It Effective? Is It Safe?',
  },
  {
    source: '001_2b3a8eb79a86a999.txt',
    id: 'is-ketamine-good-for-depression',
    title: 'Is Ketamine Good for Depression?',
  },
  { source: '002_af7a6e29deffb3bf.txt', id: 'ketamine-for-depression', title: 'Ketamine for Depression' },
  {
    source: '003_bcd3e121801836ee.txt',
    id: 'ketamine-treatment-resistant-depression',
    title: 'Ketamine Treatment for Treatment-Resistant Depression',
  },
  {
    source: '004_f9e46719add3f65d.txt',
    id: 'ketamine-side-effects-and-risks',
    title: 'Ketamine Side Effects and Therapy Risks',
  },
];

const sourceDir = process.argv[2] ?? '../shared/source-articles';
for (const meta of ARTICLES) {
  const raw = await readFile(join(sourceDir, meta.source), 'utf8');
  await writeFile(join('corpus', `${meta.id}.md`), toMarkdown(meta, parseRawArticle(raw)), 'utf8');
  console.log(`corpus/${meta.id}.md ← ${meta.source}`);
}
