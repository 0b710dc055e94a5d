import type { Chunk } from '../../corpus/chunk.js';
import type { ChatMessage } from '../../llm/chat-model.js';

/** A numbered source the model may cite as `[n]`. */
export interface Source {
  n: number;
  unit: Chunk;
}

/** The model's instructions: the rules the verifier then enforces (it does not trust the model to follow them). */
export const SYSTEM_PROMPT = [
  'You answer questions about ketamine therapy for the general public, using ONLY the numbered sources given.',
  'Rules:',
  '- Use only facts stated in the sources. Do not add anything from your own knowledge.',
  '- End every sentence with the number of the source that states it, like [1] or [2][3].',
  '- If the sources do not answer the question, say so in one sentence and cite the closest source.',
  '- Never give amounts, doses, frequencies or schedules, and never give personal medical advice; leave that to a clinician.',
  '- Where the sources disagree, say what each one says.',
  '- Answer in at most 4 short sentences of plain prose, no lists, no headings, no quotation marks.',
].join('\n');

/** Renders the sources as `[n] Title — Section: text` blocks. */
export function renderSources(sources: Source[]): string {
  return sources
    .map(({ n, unit }) => `[${n}] ${unit.title}${unit.section ? ` — ${unit.section}` : ''}\n${unit.text}`)
    .join('\n\n');
}

/** The chat messages for one question. */
export function buildPrompt(question: string, sources: Source[]): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: `Sources:\n\n${renderSources(sources)}\n\nQuestion: ${question}` },
  ];
}
