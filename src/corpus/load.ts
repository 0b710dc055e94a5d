import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CorpusError } from '../errors.js';
import { splitSentences } from '../text/sentences.js';

/** Front matter every corpus/*.md file must carry. */
export const FrontMatterSchema = z.object({
  /** Stable slug: part of every chunk id and citation. Never rename. */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be a lowercase slug like "ketamine-for-depression"'),
  /** Human title shown in citations. */
  title: z.string().min(1),
  /** The original source file name. */
  source: z.string().min(1),
});
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

/** A paragraph or list item of an article, split into verbatim sentences. */
export interface Paragraph {
  sentences: string[];
  bullet: boolean;
}

export interface Section {
  /** The section heading; the article's own title line for text before the first `##`; undefined if none. */
  heading?: string;
  paragraphs: Paragraph[];
}

export interface Article extends FrontMatter {
  /** The Markdown body (after front matter): the "cleaned article" quotes are verified against. */
  body: string;
  sections: Section[];
}

/** Parses one corpus Markdown file. `file` is only used in error messages. */
export function parseArticle(markdown: string, file: string): Article {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(markdown);
  if (!match) throw new CorpusError(`${file}: missing front matter (--- id/title/source ---).`);
  let raw: unknown;
  try {
    raw = parseYaml(match[1] ?? '');
  } catch (error) {
    throw new CorpusError(`${file}: front matter is not valid YAML (${(error as Error).message}).`);
  }
  const meta = FrontMatterSchema.safeParse(raw);
  if (!meta.success) {
    const issue = meta.error.issues[0];
    throw new CorpusError(`${file}: front matter field "${issue?.path.join('.') || '?'}": ${issue?.message}.`);
  }
  const body = match[2] ?? '';
  return { ...meta.data, body, sections: parseSections(body) };
}

function parseSections(body: string): Section[] {
  const sections: Section[] = [];
  let current: Section = { paragraphs: [] };
  for (const line of body.split(/\r?\n/)) {
    const t = line.trim();
    if (t === '') continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(t);
    if (heading) {
      if (current.paragraphs.length > 0) sections.push(current);
      current = { heading: (heading[2] ?? '').trim(), paragraphs: [] };
      continue;
    }
    const bullet = /^[-*]\s+/.test(t);
    const text = bullet ? t.replace(/^[-*]\s+/, '') : t;
    current.paragraphs.push({ sentences: splitSentences(text), bullet });
  }
  if (current.paragraphs.length > 0) sections.push(current);
  return sections;
}

/** Loads every `*.md` in `dir`, sorted by file name. Duplicate ids are an error. */
export async function loadCorpus(dir: string): Promise<Article[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md').sort();
  } catch {
    throw new CorpusError(`Corpus folder "${dir}" cannot be read (set CORPUS_DIR).`);
  }
  if (files.length === 0) throw new CorpusError(`Corpus folder "${dir}" has no .md articles.`);
  const articles = await Promise.all(
    files.map(async (f) => parseArticle(await readFile(join(dir, f), 'utf8'), join(dir, f))),
  );
  const seen = new Set<string>();
  for (const a of articles) {
    if (seen.has(a.id)) throw new CorpusError(`Duplicate article id "${a.id}" in ${dir}.`);
    seen.add(a.id);
  }
  return articles;
}
