/**
 * The cite-or-abstain check. Quotes must be verbatim substrings of their cleaned article, comparing text with only
 * whitespace and typographic quotes normalised; every `[n]` in the text must resolve to a citation.
 */
import type { Citation } from '../core/reply.js';
import { foldQuotes } from '../text/tokenize.js';

/** Folds typographic quotes and apostrophes to ASCII and collapses whitespace. Nothing else is normalised. */
export function normalizeForMatch(text: string): string {
  return foldQuotes(text).replace(/\s+/g, ' ').trim();
}

/** Article bodies by docId, pre-normalised for matching. */
export type ArticleTexts = Map<string, string>;

export function articleTexts(articles: { id: string; body: string }[]): ArticleTexts {
  // Headings and list markers are Markdown, not article sentences: quotes never come from them.
  const sentencesOnly = (body: string) =>
    body
      .split('\n')
      .filter((line) => !/^\s*#/.test(line))
      .map((line) => line.replace(/^\s*[-*]\s+/, ''))
      .join('\n');
  return new Map(articles.map((a) => [a.id, normalizeForMatch(sentencesOnly(a.body))]));
}

/** Whether `quote` appears verbatim in the article `docId`. */
export function isVerbatim(quote: string, docId: string, texts: ArticleTexts): boolean {
  const body = texts.get(docId);
  const q = normalizeForMatch(quote);
  return body !== undefined && q.length > 0 && body.includes(q);
}

/** A sentence of an answer and the citation number it carries. */
export interface Segment {
  sentence: string;
  n: number;
}

/** Result of {@link verifyCitations}. */
export interface VerifiedAnswer {
  /** Segments that passed, renumbered 1..n in order of first use. */
  segments: Segment[];
  citations: Citation[];
  /** Citations dropped because their quote was not verbatim. */
  dropped: Citation[];
}

/**
 * Drops citations whose quote is not verbatim in their article, drops every sentence that is not itself verbatim
 * in its cited article or whose `n` resolves to no citation, and renumbers what is left 1..n.
 */
export function verifyCitations(segments: Segment[], citations: Citation[], texts: ArticleTexts): VerifiedAnswer {
  const valid = new Map<number, Citation>();
  const dropped: Citation[] = [];
  for (const c of citations) {
    if (isVerbatim(c.quote, c.docId, texts)) valid.set(c.n, c);
    else dropped.push(c);
  }
  const kept = segments.filter((s) => {
    const c = valid.get(s.n);
    return (
      c !== undefined &&
      isVerbatim(s.sentence, c.docId, texts) &&
      normalizeForMatch(c.quote).includes(normalizeForMatch(s.sentence))
    );
  });
  const renumber = new Map<number, number>();
  for (const s of kept) if (!renumber.has(s.n)) renumber.set(s.n, renumber.size + 1);
  return {
    segments: kept.map((s) => ({ sentence: s.sentence, n: renumber.get(s.n) as number })),
    citations: [...renumber.entries()].map(([old, n]) => ({ ...(valid.get(old) as Citation), n })),
    dropped,
  };
}

/** Every `[n]` marker in `text` resolves to a citation (used by tests and the eval suite). */
export function markersResolve(text: string, citations: Citation[]): boolean {
  const ns = new Set(citations.map((c) => c.n));
  return [...text.matchAll(/\[(\d+)\]/g)].every((m) => ns.has(Number(m[1])));
}
