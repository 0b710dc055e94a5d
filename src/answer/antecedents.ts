import type { Candidate } from './candidates.js';

/** Sentences that lean on the one before them ("It's even approved by the FDA."). */
const LEANS_BACK = /^(it|it's|it’s|this|these|that|they|those|such|however|additionally|also|because of this)\b/i;

/**
 * Gives every chosen sentence that starts by pointing back the sentence before it (same paragraph), so a quote
 * never reads out of context. When there is no room under `max`, the pointing sentence is dropped instead —
 * unless it is the best one, which always keeps its antecedent.
 */
export function withAntecedents(chosen: Candidate[], max: number): Candidate[] {
  const out = [...chosen];
  const has = (docId: string, paragraph: number, index: number) =>
    out.some((o) => o.chunk.docId === docId && o.sentence.paragraph === paragraph && o.sentence.index === index);
  for (const c of chosen) {
    if (!LEANS_BACK.test(c.text)) continue;
    const prev = c.chunk.sentences.find((s) => s.paragraph === c.sentence.paragraph && s.index === c.sentence.index - 1);
    if (!prev || has(c.chunk.docId, prev.paragraph, prev.index)) continue;
    const isBest = c === chosen[0];
    if (out.length >= max && !isBest) {
      out.splice(out.indexOf(c), 1);
      continue;
    }
    if (out.length >= max) out.pop();
    out.push({ ...c, text: prev.text, sentence: prev, score: c.score - 1e-6 });
  }
  return out;
}
