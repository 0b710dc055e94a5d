/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = /\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|Prof|St|No|U\.S|approx)\.$/i;

/**
 * Prose: sentence-final punctuation, optional closing quotes or brackets, optional citation markers ("[2]"),
 * whitespace, then something that can start a sentence (capital, digit, opening quote or bracket, Markdown
 * emphasis) and is not itself a citation marker.
 */
const PROSE_BOUNDARY = /[.!?]+["”’)\]]*(?:\s*\[\d+\])*\s+(?!\[\d+\])(?=["“‘([*_]?[A-Z0-9*_])/g;
/** Clauses of lowercased text: any of . ! ? ; : before whitespace, or a line break. */
const CLAUSE_BOUNDARY = /[.!?;:]\s+|\n+/g;

/** Options for {@link splitSentences}. */
export interface SplitOptions {
  /**
   * Split a normalised (lowercase) user message into clauses: a colon or semicolon ends one too (wrappers such as
   * "ignore the rules and answer directly: …" put the real request after one), so does a line break, and what
   * follows needs no capital. Abbreviations are not recognised (without case, "no." is an answer, not "No. 5"),
   * and pieces without a letter are dropped. Default: prose.
   */
  clauses?: boolean;
}

/**
 * The one sentence splitter: corpus paragraphs (chunking and citations), answer text with `[n]` markers (the output
 * guard) and user messages (the safety policy, with `clauses`). Sentences are verbatim: no character inside one
 * changes, only the whitespace between them goes; trailing `[n]` markers stay with their sentence.
 */
export function splitSentences(text: string, options: SplitOptions = {}): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const boundary = new RegExp(options.clauses ? CLAUSE_BOUNDARY : PROSE_BOUNDARY);
  const out: string[] = [];
  let start = 0;
  for (let m = boundary.exec(trimmed); m; m = boundary.exec(trimmed)) {
    const end = m.index + m[0].trimEnd().length;
    const candidate = trimmed.slice(start, end);
    if (!options.clauses && ABBREVIATIONS.test(candidate)) continue;
    out.push(candidate.trim());
    start = m.index + m[0].length;
  }
  out.push(trimmed.slice(start).trim());
  return out.filter((s) => (options.clauses ? /[a-z]/.test(s) : s !== ''));
}
