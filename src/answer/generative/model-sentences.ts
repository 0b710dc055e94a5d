import { splitSentences } from '../../text/sentences.js';

/** One sentence the model wrote, with its citation markers taken out. */
export interface ModelSentence {
  /** The sentence without any `[n]` marker, whitespace tidied. */
  text: string;
  /** Source numbers it cites, in order, without repeats (`[1][2]`, `[1, 2]` and `[1] … [2]` all count). */
  cites: number[];
}

const MARKER = /\s*\[(\d+(?:\s*,\s*\d+)*)\]/g;

/** Parses one sentence of model text. */
export function parseSentence(raw: string): ModelSentence {
  const cites: number[] = [];
  for (const m of raw.matchAll(MARKER))
    for (const n of (m[1] as string).split(',').map((x) => Number(x.trim()))) if (!cites.includes(n)) cites.push(n);
  const text = raw
    .replace(MARKER, '')
    .replace(/\s+([.!?;:,])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return { text, cites };
}

/**
 * Splits streamed model text into sentences as they complete. A sentence is complete once the next one has begun
 * (so its trailing `[n]` markers have arrived); {@link SentenceStream.end} flushes the last one.
 */
export class SentenceStream {
  private buffer = '';

  /** Adds a piece of text; returns the sentences it completed. */
  push(piece: string): string[] {
    this.buffer += piece;
    const sentences = this.split();
    if (sentences.length < 2) return [];
    const last = sentences[sentences.length - 1] as string;
    // Keep the raw tail (split sentences are trimmed: "This " must stay "This " until "action" arrives).
    const at = this.buffer.lastIndexOf(last);
    this.buffer = at >= 0 ? this.buffer.slice(at) : last;
    return sentences.slice(0, -1);
  }

  /** The sentences still buffered (the stream ended). */
  end(): string[] {
    const rest = this.split();
    this.buffer = '';
    return rest;
  }

  /** Line breaks (lists, paragraphs) end sentences too; the model was asked for prose, so they are rare. */
  private split(): string[] {
    return this.buffer.split(/\n+/).flatMap((line) => splitSentences(line.replace(/^\s*(?:[-*]|\d+\.)\s+/, '')));
  }
}
