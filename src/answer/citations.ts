import type { Chunk, ChunkSentence } from '../corpus/chunk.js';
import { citationUrl } from '../articles/url.js';
import type { Citation } from '../core/reply.js';
import type { Segment } from './verify.js';

/** Sentences chosen from one unit, in reading order. */
export interface ChosenPart {
  unit: Chunk;
  sentences: ChunkSentence[];
}

/**
 * Numbers the chosen sentences. Neighbouring sentences of one unit (consecutive in the article) share a citation
 * whose quote is the whole run — still one verbatim passage; a gap left by trimming starts a new number. Each
 * citation links to its unit on the article page (absolute with `publicBaseUrl`).
 */
export function cite(parts: ChosenPart[], publicBaseUrl?: string): { segments: Segment[]; citations: Citation[] } {
  const segments: Segment[] = [];
  const citations: Citation[] = [];
  for (const { unit, sentences } of parts) {
    let prev: ChunkSentence | undefined;
    for (const s of sentences) {
      const last = citations[citations.length - 1];
      if (prev !== undefined && s.ordinal === prev.ordinal + 1 && last) last.quote = `${last.quote} ${s.text}`;
      else
        citations.push({
          n: citations.length + 1,
          docId: unit.docId,
          title: unit.title,
          chunkId: unit.id,
          quote: s.text,
          url: citationUrl(unit.id, publicBaseUrl),
        });
      segments.push({ sentence: s.text, n: citations.length });
      prev = s;
    }
  }
  return { segments, citations };
}

/**
 * Renders segments as Markdown. A run of segments with one number carries its `[n]` once, after the run; list
 * items (`bullets`) are rendered as a Markdown list under their lead-in; a sentence in `paragraphStarts` (the
 * first of another unit, see {@link unitStarts}) opens a new paragraph, as it does in its article.
 */
export function renderSegments(
  segments: Segment[],
  bullets: ReadonlySet<string> = new Set(),
  paragraphStarts: ReadonlySet<string> = new Set(),
): string {
  let out = '';
  segments.forEach((s, i) => {
    const next = segments[i + 1];
    const bullet = bullets.has(s.sentence);
    const prevBullet = i > 0 && bullets.has((segments[i - 1] as Segment).sentence);
    const sep =
      i === 0
        ? ''
        : bullet
          ? prevBullet
            ? '\n'
            : '\n\n'
          : prevBullet || paragraphStarts.has(s.sentence)
            ? '\n\n'
            : ' ';
    out += `${sep}${bullet ? '- ' : ''}${s.sentence}${next?.n === s.n ? '' : ` [${s.n}]`}`;
  });
  return out;
}

/** The item sentences of list units (every sentence after the lead-in, the sentence ending in ":"). */
export function listItems(parts: ChosenPart[]): Set<string> {
  const items = new Set<string>();
  for (const { unit, sentences } of parts) {
    if (!unit.list) continue;
    const leadIn = unit.sentences.findIndex((s) => /:\s*$/.test(s.text));
    for (const s of sentences) if (unit.sentences.indexOf(s) > leadIn) items.add(s.text);
  }
  return items;
}

/** The first sentence of every unit after the first: where the answer starts a new paragraph. */
export function unitStarts(parts: ChosenPart[]): Set<string> {
  const starts = new Set<string>();
  for (const { sentences } of parts.slice(1)) if (sentences[0]) starts.add(sentences[0].text);
  return starts;
}
