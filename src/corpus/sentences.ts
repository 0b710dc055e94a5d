/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = /\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|Prof|St|No|U\.S|approx)\.$/i;

/**
 * Splits a paragraph into sentences, verbatim (no character of a sentence is changed). A boundary is
 * sentence-final punctuation, optional closing quote/bracket, whitespace, then something that can start a
 * sentence (capital, digit, opening quote or bracket).
 */
export function splitSentences(paragraph: string): string[] {
  const text = paragraph.trim();
  if (text === '') return [];
  const out: string[] = [];
  const boundary = /[.!?]+["”’)\]]*\s+(?=["“‘(\[]?[A-Z0-9])/g;
  let start = 0;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + m[0].trimEnd().length;
    const candidate = text.slice(start, end);
    if (ABBREVIATIONS.test(candidate)) continue;
    out.push(candidate.trim());
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}
