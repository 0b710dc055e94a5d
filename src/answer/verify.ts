/**
 * The cite-or-abstain check. Quotes must be verbatim substrings of their cleaned article, comparing text with only
 * whitespace and typographic quotes normalised; every `[n]` in the text must resolve to a citation.
 */
import type { Citation } from '../chat/reply.js';

/** Folds typographic quotes and apostrophes to ASCII and collapses whitespace. Nothing else is normalised. */
export function normalizeForMatch(text: string): string {
  return text
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”‟″]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
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

/** Result of {@link verifyCitations}. */
export interface VerifiedAnswer {
  text: string;
  citations: Citation[];
  /** Citations dropped because their quote was not verbatim. */
  dropped: Citation[];
}

/**
 * Drops citations whose quote is not verbatim, removes the sentences that relied on them (a sentence is the text
 * before its `[n]` marker), removes markers that resolve to nothing, and renumbers what is left 1..n.
 */
export function verifyCitations(segments: { sentence: string; n: number }[], citations: Citation[], texts: ArticleTexts): VerifiedAnswer {
  const valid = new Map<number, Citation>();
  const dropped: Citation[] = [];
  for (const c of citations) {
    if (isVerbatim(c.quote, c.docId, texts)) valid.set(c.n, c);
    else dropped.push(c);
  }
  const kept = segments.filter((s) => valid.has(s.n) && isVerbatim(s.sentence, valid.get(s.n)!.docId, texts));
  const renumber = new Map<number, number>();
  for (const s of kept) if (!renumber.has(s.n)) renumber.set(s.n, renumber.size + 1);
  const text = kept.map((s) => `${s.sentence} [${renumber.get(s.n)}]`).join(' ');
  const out = [...renumber.entries()].map(([old, n]) => ({ ...(valid.get(old) as Citation), n }));
  return { text, citations: out, dropped };
}
