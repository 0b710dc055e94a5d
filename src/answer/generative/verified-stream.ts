import type { ChatMessage, ChatModel } from '../../llm/chat-model.js';
import type { OutputGuard } from '../../safety/types.js';
import { parseSentence, SentenceStream } from './model-sentences.js';
import type { Source } from './prompt.js';
import { type DropReason, verifySentence } from './verify-sentence.js';

/** A verified sentence, renumbered: `n` are the answer's citation numbers (1..k in order of first use). */
export interface KeptSentence {
  text: string;
  /** Citation numbers in the answer. */
  ns: number[];
}

/** What the model wrote, after verification. */
export interface VerifiedRun {
  kept: KeptSentence[];
  /** Answer citation number → the source it stands for. */
  sourceOf: Map<number, Source>;
  /** Characters of all model sentences and of the kept ones (markers excluded), for the "half survives" rule. */
  totalChars: number;
  keptChars: number;
  dropped: Partial<Record<DropReason | 'guard', number>>;
}

/** Renders one kept sentence with its markers, as it appears in the answer and in a streamed delta. */
export const renderKept = (s: KeptSentence) => `${s.text} ${s.ns.map((n) => `[${n}]`).join('')}`;

/**
 * Streams the model's reply, verifies each sentence as soon as it is complete and hands verified, guard-checked
 * sentences to `onSentence` (streaming channels show them at once). Throws the model's LlmError.
 */
export async function runVerified(
  model: ChatModel,
  messages: ChatMessage[],
  sources: readonly Source[],
  guard: OutputGuard,
  onSentence?: (sentence: KeptSentence, index: number) => void,
): Promise<VerifiedRun> {
  const run: VerifiedRun = { kept: [], sourceOf: new Map(), totalChars: 0, keptChars: 0, dropped: {} };
  const renumber = new Map<number, number>();
  const drop = (reason: DropReason | 'guard') => {
    run.dropped[reason] = (run.dropped[reason] ?? 0) + 1;
  };
  const take = (raw: string) => {
    const sentence = parseSentence(raw);
    if (sentence.text === '') return;
    run.totalChars += sentence.text.length;
    const verdict = verifySentence(sentence, sources);
    if (!verdict.ok) return drop(verdict.reason);
    // Checked here too, not only by handle-turn's guard over the whole reply: a streamed delta is already sent.
    if (guard.check(sentence.text) !== undefined) return drop('guard');
    const ns = verdict.cites.map((source) => {
      let n = renumber.get(source);
      if (n === undefined) {
        n = renumber.size + 1;
        renumber.set(source, n);
        run.sourceOf.set(n, sources.find((s) => s.n === source) as Source);
      }
      return n;
    });
    const kept = { text: sentence.text, ns };
    run.kept.push(kept);
    run.keptChars += sentence.text.length;
    onSentence?.(kept, run.kept.length - 1);
  };
  const splitter = new SentenceStream();
  for await (const piece of model.stream(messages)) for (const raw of splitter.push(piece)) take(raw);
  for (const raw of splitter.end()) take(raw);
  return run;
}
