import { describe, expect, it } from 'vitest';
import { requiredAnswerTypes } from '../../src/answer/answer-types.js';
import { cite, listItems, renderSegments } from '../../src/answer/citations.js';
import { findContradiction } from '../../src/answer/contradictions.js';
import { focusText } from '../../src/answer/focus.js';
import { queryTerms } from '../../src/answer/query-terms.js';
import { jaccard } from '../../src/answer/similarity.js';
import { trimUnit, type TrimContext } from '../../src/answer/trim.js';
import type { Chunk, ChunkSentence } from '../../src/corpus/chunk.js';
import { TermStats } from '../../src/retrieval/term-stats.js';

const s = (text: string, ordinal: number, paragraph = 0): ChunkSentence => ({
  text,
  paragraph,
  index: ordinal,
  ordinal,
});
const unit = (id: string, docId: string, sentences: ChunkSentence[], list = false): Chunk => ({
  id,
  docId,
  title: docId,
  section: 'Risks?',
  sentences,
  text: sentences.map((x) => x.text).join(' '),
  list,
});

const A = unit('doc-a#0', 'doc-a', [
  s('Nausea is common.', 0),
  s('It usually passes quickly.', 1),
  s('Dizziness can also occur.', 2),
]);
const B = unit('doc-b#0', 'doc-b', [s('Vomiting is rare.', 0)]);
const LIST = unit(
  'doc-a#1',
  'doc-a',
  [s('Keep these in mind:', 3), s('Check the licence', 4, 1), s('Ask about monitoring', 5, 2)],
  true,
);

describe('cite', () => {
  it('gives neighbouring sentences of one unit one citation whose quote is the whole run; a gap starts a new one', () => {
    const { segments, citations } = cite([
      { unit: A, sentences: [A.sentences[0]!, A.sentences[1]!] },
      { unit: B, sentences: B.sentences },
    ]);
    expect(citations.map((c) => [c.n, c.docId, c.chunkId, c.quote])).toEqual([
      [1, 'doc-a', 'doc-a#0', 'Nausea is common. It usually passes quickly.'],
      [2, 'doc-b', 'doc-b#0', 'Vomiting is rare.'],
    ]);
    expect(renderSegments(segments)).toBe('Nausea is common. It usually passes quickly. [1] Vomiting is rare. [2]');
    const gap = cite([{ unit: A, sentences: [A.sentences[0]!, A.sentences[2]!] }]);
    expect(gap.citations.map((c) => c.quote)).toEqual(['Nausea is common.', 'Dizziness can also occur.']);
  });

  it('renders a list unit as its lead-in and a Markdown list, one citation for the whole list', () => {
    const parts = [{ unit: LIST, sentences: LIST.sentences }];
    const { segments, citations } = cite(parts);
    expect(citations).toHaveLength(1);
    expect(citations[0]?.quote).toBe('Keep these in mind: Check the licence Ask about monitoring');
    expect(renderSegments(segments, listItems(parts))).toBe(
      'Keep these in mind:\n\n- Check the licence\n- Ask about monitoring [1]',
    );
  });
});

describe('trimUnit', () => {
  const stats = new TermStats([A, B, LIST]);
  const ctx = (question: string): TrimContext => ({
    queryVector: [1, 0],
    terms: queryTerms(question, []),
    textVectors: new Map(),
    stats,
    sendable: () => true,
  });

  it('keeps a list unit whole, lead-in and items', () => {
    expect(trimUnit(LIST, ctx('what about dizziness'), 4)).toEqual(LIST.sentences);
  });

  it('keeps the sentences that answer, in reading order, and the sentence a pointing sentence leans on', () => {
    // A kept sentence that only restates the question gets the unit's best content sentence beside it.
    expect(trimUnit(A, ctx('does dizziness occur'), 4).map((x) => x.text)).toEqual([
      'Nausea is common.',
      'Dizziness can also occur.',
    ]);
    // "It usually passes quickly." leans back on "Nausea is common.".
    expect(trimUnit(A, ctx('does it pass quickly'), 4).map((x) => x.text)).toEqual([
      'Nausea is common.',
      'It usually passes quickly.',
    ]);
  });

  it('never sends a sentence the output guard refuses', () => {
    const out = trimUnit(A, { ...ctx('nausea'), sendable: (t) => !t.startsWith('Nausea') }, 4);
    expect(out.map((x) => x.text)).not.toContain('Nausea is common.');
  });
});

describe('findContradiction (from the text, no claim table)', () => {
  const yes = unit('doc-a#0', 'doc-a', [
    s('Ketamine is used for depression.', 0),
    s("It's even approved by the FDA.", 1),
  ]);
  const no = unit('doc-b#0', 'doc-b', [
    s('Currently, ketamine therapy is not approved by the FDA for mental health treatment.', 0),
  ]);
  const other = unit('doc-c#0', 'doc-c', [s('Nausea is common after an infusion.', 0)]);
  const units = [yes, no, other];
  const stats = new TermStats(units);

  it('finds opposite polarity of the question’s claim term in different articles, both sides', () => {
    const found = findContradiction(queryTerms('Is ketamine FDA approved?', []), yes, units, stats, () => true);
    expect(found?.affirm.map((x) => x.unit.docId)).toEqual(['doc-a']);
    expect(found?.deny.map((x) => x.unit.docId)).toEqual(['doc-b']);
  });

  it('finds none when the best unit does not state the claim, or one side could not be sent', () => {
    expect(findContradiction(queryTerms('Is nausea common?', []), other, units, stats, () => true)).toBeUndefined();
    expect(
      findContradiction(
        queryTerms('Is ketamine FDA approved?', []),
        yes,
        units,
        stats,
        (t) => !t.includes('not approved'),
      ),
    ).toBeUndefined();
  });
});

describe('focusText', () => {
  it('keeps the question sentence of a long message with a personal preamble', () => {
    const long =
      'My grandfather had surgery years ago and I swear they mentioned ketamine, and now my cousin says it is a depression thing. Which is it, what has ketamine actually been used for?';
    expect(focusText(long)).toBe('Which is it, what has ketamine actually been used for?');
  });

  it('leaves a short message whole', () => {
    expect(focusText('I am nervous. Is it safe?')).toBe('I am nervous. Is it safe?');
  });
});

describe('jaccard', () => {
  it('is 1 for the same words and 0 for disjoint ones', () => {
    expect(jaccard('A b c', 'c B a')).toBe(1);
    expect(jaccard('a b', 'c d')).toBe(0);
  });
});

describe('requiredAnswerTypes', () => {
  it.each([
    ['Who first made ketamine?', ['person']],
    ['Who invented ketamine?', ['person']],
    ['What year was ketamine discovered?', ['year']],
    ['How much does it cost in dollars?', ['amount']],
    ['What percentage of patients respond?', ['percentage']],
    ['Who should not take ketamine?', []],
    ['What are the side effects?', []],
  ])('%s → %j', (question, ids) => {
    expect(requiredAnswerTypes(question).map((t) => t.id)).toEqual(ids);
  });
});
