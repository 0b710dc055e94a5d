import type { CorpusTexts } from '../corpus-text.js';
import type { EvalCase } from '../case-schema.js';
import { containsFragment } from '../text.js';

/** Evidence fragments are "short": 4–12 words (issue 11), long enough to be unambiguous, short enough to survive a cut. */
const MIN_WORDS = 4;
const MAX_WORDS = 12;

function articlesHolding(corpus: CorpusTexts, fragment: string): string[] {
  return [...corpus.keys()].filter((id) => (corpus.get(id) ?? []).some((body) => containsFragment(body, fragment)));
}

/**
 * Problems with a set's evidence, checked the way `test/evals/case-files.test.ts` checks the eval cases (the same
 * normalised containment against the same corpus texts), plus two rules of the frozen set: fragments are 4–12
 * words, and `cites_doc_any` lists EVERY article holding one of the fragments (a bot citing any of them is right).
 */
export function evidenceProblems(cases: EvalCase[], corpus: CorpusTexts): string[] {
  const bad: string[] = [];
  for (const c of cases) {
    const docs = [...(c.expect.cites_doc_any ?? []), ...(c.expect.cites_doc_all ?? [])];
    for (const d of docs) if (!corpus.has(d)) bad.push(`${c.id}: unknown article ${d}`);
    for (const fragment of c.expect.evidence_any ?? []) {
      const words = fragment.trim().split(/\s+/).length;
      if (words < MIN_WORDS || words > MAX_WORDS)
        bad.push(`${c.id}: "${fragment}" has ${words} words (want ${MIN_WORDS}–${MAX_WORDS})`);
      const holding = articlesHolding(corpus, fragment);
      if (!holding.some((d) => docs.includes(d)))
        bad.push(`${c.id}: "${fragment}" is not verbatim in ${docs.join(', ') || 'any cited article'}`);
      for (const d of holding)
        if (!docs.includes(d)) bad.push(`${c.id}: "${fragment}" is also in ${d}, which cites_doc_any omits`);
    }
  }
  return bad;
}
