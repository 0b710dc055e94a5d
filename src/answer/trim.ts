import type { Chunk, ChunkSentence } from '../corpus/chunk.js';
import { dot } from '../core/vector.js';
import type { TermStats } from '../retrieval/term-stats.js';
import type { QueryTerms } from './query-terms.js';
import { newTermMass } from './framing-features.js';
import { coverage } from './term-features.js';

/** Sentences that lean on the one before them ("It's even approved by the FDA."). */
const LEANS_BACK = /^(it|it's|it’s|this|these|that|they|those|such|however|additionally|also|because of this)\b/i;

/** Inputs for scoring a unit's sentences against the question. */
export interface TrimContext {
  queryVector: number[];
  terms: QueryTerms;
  textVectors: Map<string, number[]>;
  stats: TermStats;
  /** Whether a sentence may be sent (the output guard's verdict, checked once per corpus sentence). */
  sendable: (sentence: string) => boolean;
}

/**
 * The sentences of `unit` that answer the question, in reading order. A list unit or a unit of at most two
 * sentences is kept whole (a lead-in never loses its items). Otherwise each sentence is scored (cosine to the
 * question + coverage of its terms) and those at or above the unit's mean score are kept — no tuned cut-off —
 * each with the sentence it leans back on ("It's even approved…" keeps the sentence before it). At most `max`
 * prose sentences, best first when cutting.
 */
export function trimUnit(unit: Chunk, ctx: TrimContext, max: number): ChunkSentence[] {
  const sendable = unit.sentences.filter((s) => ctx.sendable(s.text));
  if (unit.list || sendable.length <= Math.min(2, max)) return sendable;
  const scored = sendable.map((s) => {
    const v = ctx.textVectors.get(s.text);
    return { s, score: (v ? dot(ctx.queryVector, v) : 0) + coverage(ctx.terms, s.text, undefined, ctx.stats) };
  });
  const mean = scored.reduce((sum, x) => sum + x.score, 0) / scored.length;
  const ranked = [...scored].sort((a, b) => b.score - a.score);
  const keep = new Set<ChunkSentence>();
  for (const { s, score } of ranked) {
    if (keep.size > 0 && score < mean) break;
    const before = LEANS_BACK.test(s.text) ? sendable.find((p) => p.ordinal === s.ordinal - 1) : undefined;
    const needed = before && !keep.has(before) ? 2 : 1;
    if (keep.size + needed > max) {
      if (keep.size === 0) keep.add(s);
      break;
    }
    keep.add(s);
    if (before) keep.add(before);
  }
  addContentIfOnlyEcho(keep, ranked, ctx, max);
  return sendable.filter((s) => keep.has(s));
}

/**
 * Kept sentences that each say less beyond the question's words than the unit's average sentence only restate the
 * question ("Understanding ketamine side effects is crucial…", "…ketamine therapy risks should be considered"): the
 * best-scoring sentence of the unit that says at least the average is kept with them (within `max`), so the answer
 * is never only an echo while the unit has content. The unit's own mean is the cut-off (no tuned constant).
 */
function addContentIfOnlyEcho(
  keep: Set<ChunkSentence>,
  ranked: readonly { s: ChunkSentence }[],
  ctx: TrimContext,
  max: number,
): void {
  if (keep.size === 0 || keep.size >= max) return;
  const mass = new Map(ranked.map(({ s }) => [s, newTermMass(ctx.terms, s.text, ctx.stats)]));
  const mean = [...mass.values()].reduce((a, b) => a + b, 0) / mass.size;
  if ([...keep].some((s) => (mass.get(s) as number) >= mean)) return;
  const content = ranked.find(({ s }) => !keep.has(s) && (mass.get(s) as number) >= mean);
  if (content) keep.add(content.s);
}
