import type { Citation } from '../core/reply.js';
import type { Candidate } from './candidates.js';
import type { Segment } from './verify.js';

/**
 * Numbers the chosen sentences. Consecutive sentences of one paragraph share a citation whose quote is the whole
 * run (still one verbatim passage); anything else gets its own number.
 */
export function cite(ordered: Candidate[]): { segments: Segment[]; citations: Citation[] } {
  const segments: Segment[] = [];
  const citations: Citation[] = [];
  let prev: Candidate | undefined;
  for (const c of ordered) {
    const continues =
      prev !== undefined &&
      prev.chunk.docId === c.chunk.docId &&
      prev.sentence.paragraph === c.sentence.paragraph &&
      c.sentence.index === prev.sentence.index + 1;
    const last = citations[citations.length - 1];
    if (continues && last) {
      last.quote = `${last.quote} ${c.text}`;
    } else {
      citations.push({ n: citations.length + 1, docId: c.chunk.docId, title: c.chunk.title, chunkId: c.chunk.id, quote: c.text });
    }
    segments.push({ sentence: c.text, n: citations.length });
    prev = c;
  }
  return { segments, citations };
}

/** Renders segments as Markdown: each sentence followed by its `[n]` marker. */
export function renderSegments(segments: Segment[]): string {
  return segments.map((s) => `${s.sentence} [${s.n}]`).join(' ');
}
