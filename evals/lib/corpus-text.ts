import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { normalise } from './text.js';

/** The cleaned article texts by doc id, normalised for verbatim-quote checks: as written, and without Markdown line markers. */
export type CorpusTexts = Map<string, string[]>;

/**
 * Drops heading (`## `) and list (`- `, `1. `) markers at line starts: they are structure the cleaner added, not
 * article words, and a quote that runs from a heading or across list items is still verbatim.
 */
function stripLineMarkers(body: string): string {
  return body.replace(/^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d+\.[ \t]+)/gm, '');
}

/** Splits `---\nfront matter\n---\nbody`. */
function splitFrontMatter(text: string): { meta: Record<string, unknown>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) return { meta: {}, body: text };
  const meta = parse(match[1] ?? '') as unknown;
  return {
    meta: typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : {},
    body: match[2] ?? '',
  };
}

/**
 * Reads `dir/*.md` (front matter `id`, then the body). Returns undefined when there is no corpus, so the
 * runner can report quote validity as "not checked" instead of failing every answer (e.g. against a remote bot).
 */
export async function loadCorpusTexts(dir: string): Promise<CorpusTexts | undefined> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const texts: CorpusTexts = new Map();
  for (const name of names.filter((n) => n.endsWith('.md')).sort()) {
    const { meta, body } = splitFrontMatter(await readFile(join(dir, name), 'utf8'));
    const id = typeof meta.id === 'string' ? meta.id : name.replace(/\.md$/, '');
    texts.set(id, [normalise(body), normalise(stripLineMarkers(body))]);
  }
  return texts.size > 0 ? texts : undefined;
}

/**
 * Whether `quote` appears verbatim (modulo whitespace and typographic quotes) in article `docId`.
 */
export function isVerbatim(corpus: CorpusTexts, docId: string, quote: string): boolean {
  const quoteText = normalise(quote);
  return (corpus.get(docId) ?? []).some((body) => body.includes(quoteText));
}
