/**
 * The one stemmer: light suffix stripping, enough to meet "infusions"/"infusion", "approved"/"approve",
 * "parties"/"party" and "quickly"/"quick" while leaving words readable ("depression" stays, "medical" and
 * "medication" stay apart).
 *
 * Kept after measuring the maintained packages against it (`npm run retrieval:eval`, default hybrid row, recall@1 /
 * recall@5 / MRR on 52 questions): this stemmer 65.4% / 92.3% / 0.776; `wink-lemmatizer` 63.5% / 92.3% / 0.763;
 * `stemmer` (Porter) and `wink-porter2-stemmer` (Porter2, what wink-nlp uses) 57.7% / 92.3% / 0.730. Porter's
 * over-stemming ("medical" = "medication", "general" → "gener") helps BM25 alone but costs the fused ranking, and
 * the lemmatizer drops "-ly" adverbs ("how quickly" ≠ "works quickly"); `npm run eval` moved the same way
 * (evidence hit rate 67.9% → 66.3% with the lemmatizer, 65.8% with Porter).
 */
export function stem(word: string): string {
  let w = word.replace(/'s$/, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  // "stopped" → "stopp" → "stop", "planning" → "plann" → "plan"
  if (/([bdgmnpt])\1$/.test(w)) w = w.slice(0, -1);
  // "approve" and "approv(ed)" meet
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}
