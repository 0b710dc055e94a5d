import type { Chunk } from '../corpus/chunk.js';
import { dot } from '../core/vector.js';
import { words } from '../text/tokenize.js';

/** Questions the articles answer: their own question-shaped headings ("Is ketamine addictive?"). */
export class SuggestionBank {
  private readonly questions: { text: string; heading: string; vector: number[] }[];

  constructor(chunks: Chunk[], textVectors: Map<string, number[]>) {
    const seen = new Set<string>();
    this.questions = [];
    for (const chunk of chunks) {
      const heading = chunk.section;
      if (!heading || !heading.endsWith('?')) continue;
      // "Ketamine. What is it? Is it effective? Is it safe?" is a title, not one question.
      if ((heading.match(/\?/g) ?? []).length > 1) continue;
      const text = displayQuestion(heading);
      const vector = textVectors.get(heading);
      if (!vector || seen.has(text.toLowerCase())) continue;
      seen.add(text.toLowerCase());
      this.questions.push({ text, heading, vector });
    }
  }

  /**
   * The `count` questions nearest the query, skipping the headings in `exclude` and any question that is
   * (nearly) the one just asked.
   */
  nearest(queryVector: number[], count: number, exclude: ReadonlySet<string> = new Set(), asked = ''): string[] {
    const askedKey = normalizeQuestion(asked);
    return this.questions
      .filter((q) => !exclude.has(q.heading) && normalizeQuestion(q.text) !== askedKey)
      .map((q) => ({ q, sim: dot(queryVector, q.vector) }))
      .sort((a, b) => b.sim - a.sim)
      .slice(0, count)
      .map(({ q }) => q.text);
  }

  /** `count` questions spread across the list (stable), for welcomes and out-of-scope replies. */
  examples(count: number): string[] {
    const n = this.questions.length;
    if (n === 0) return [];
    const step = n / Math.min(count, n);
    return Array.from(
      { length: Math.min(count, n) },
      (_, i) => (this.questions[Math.floor(i * step)] as { text: string }).text,
    );
  }
}

/** Headings are in title case ("Why Is Ketamine Used?"); questions read better in sentence case. Acronyms stay. */
export function displayQuestion(heading: string): string {
  return heading
    .split(' ')
    .map((word, i) => (i === 0 || /^[A-Z0-9]{2,}\W*$/.test(word) ? word : word.toLowerCase()))
    .join(' ');
}

function normalizeQuestion(text: string): string {
  return words(text).join(' ');
}
