import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { Chunk } from '../../src/corpus/chunk.js';
import type { Article } from '../../src/corpus/load.js';
import type { ReplyBody } from '../../src/core/reply.js';
import { FOOTER } from '../../src/chat/handle-turn.js';
import { DISAGREEMENT_NOTE } from '../../src/answer/answerer.js';
import { normalizeForMatch } from '../../src/answer/verify.js';
import { SOURCE_DIR, HAVE_SOURCES } from '../corpus/fixtures.js';

/** The answer's sentences with the marker each carries, in order (footer and disagreement note removed). */
export function segments(text: string): { sentence: string; n: number }[] {
  const body = text.replace(FOOTER, '').replace(DISAGREEMENT_NOTE, '');
  return [...body.matchAll(/\s*(.+?)\s\[(\d+)\]/gs)].map((m) => ({ sentence: (m[1] ?? '').trim(), n: Number(m[2]) }));
}

/**
 * A second, independent verbatim check against the source file exactly as supplied: only whitespace, bullets and
 * typographic quotes are folded here, by code that shares nothing with src/answer/verify.ts.
 */
export async function rawSourceTexts(articles: Article[]): Promise<Map<string, string> | undefined> {
  if (!HAVE_SOURCES) return undefined;
  const out = new Map<string, string>();
  for (const a of articles) {
    const raw = await readFile(join(SOURCE_DIR, a.source), 'utf8');
    out.set(a.id, foldRaw(raw));
  }
  return out;
}

export function foldRaw(text: string): string {
  return text
    .replace(/•/g, ' ')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ');
}

/** Corpus article bodies straight from disk (the "cleaned article"). */
export async function corpusBodies(articles: Article[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const a of articles) out.set(a.id, await readFile(resolve('corpus', `${a.id}.md`), 'utf8'));
  return out;
}

export interface Grounding {
  articles: Article[];
  chunks: Chunk[];
  bodies: Map<string, string>;
  raw?: Map<string, string>;
}

/** Every invariant a cited answer must hold. */
export function expectGroundedAnswer(reply: ReplyBody, g: Grounding, label: string): void {
  expect(reply.kind, label).toBe('answer');
  expect(reply.citations.length, label).toBeGreaterThan(0);
  expect(reply.text.endsWith(FOOTER), `${label}: footer`).toBe(true);

  // Citations numbered 1..k, every one used, every marker resolving.
  expect(
    reply.citations.map((c) => c.n),
    label,
  ).toEqual(reply.citations.map((_, i) => i + 1));
  const markers = [...reply.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  for (const n of markers)
    expect(
      reply.citations.some((c) => c.n === n),
      `${label}: [${n}] resolves`,
    ).toBe(true);
  for (const c of reply.citations) expect(markers, `${label}: citation ${c.n} is used`).toContain(c.n);

  const segs = segments(reply.text);
  expect(segs.length, `${label}: 1–4 sentences`).toBeGreaterThanOrEqual(1);
  expect(segs.length, `${label}: 1–4 sentences`).toBeLessThanOrEqual(4);

  for (const c of reply.citations) {
    const article = g.articles.find((a) => a.id === c.docId);
    expect(article, `${label}: docId ${c.docId}`).toBeDefined();
    expect(c.title).toBe(article?.title);
    const chunk = g.chunks.find((ch) => ch.id === c.chunkId);
    expect(chunk?.docId, `${label}: chunk ${c.chunkId} belongs to ${c.docId}`).toBe(c.docId);
    // A list unit's quote is its lead-in and items joined (one citation for the whole list): each of them is
    // checked on its own, since list markers and line breaks stand between them in the article.
    const pieces = chunk?.list ? chunk.sentences.map((s) => s.text).filter((t) => c.quote.includes(t)) : [c.quote];
    for (const piece of pieces) {
      // Verbatim in the cleaned article (verify.ts normalisation) …
      expect(normalizeForMatch(g.bodies.get(c.docId) ?? ''), `${label}: quote ${c.n} verbatim in corpus`).toContain(
        normalizeForMatch(piece),
      );
      // … and, independently, in the source as supplied.
      if (g.raw)
        expect(g.raw.get(c.docId), `${label}: quote ${c.n} verbatim in source`).toContain(foldRaw(piece).trim());
    }
    // The cited chunk holds the start of the quote (the passage the user can open).
    expect(
      chunk?.sentences.some((s) => c.quote.startsWith(s.text)),
      `${label}: chunk ${c.chunkId} holds the quote`,
    ).toBe(true);
  }
  // Each sentence of the text is (part of) the quote its marker points to.
  for (const s of segs) {
    const c = reply.citations.find((x) => x.n === s.n);
    // A list is rendered as Markdown items: its "- " markers are not part of the quote.
    const shown = s.sentence.replace(/^\s*[-*]\s+/gm, '');
    expect(normalizeForMatch(c?.quote ?? ''), `${label}: "${s.sentence}" is in quote ${s.n}`).toContain(
      normalizeForMatch(shown),
    );
  }
}
