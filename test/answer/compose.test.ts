import { describe, expect, it } from 'vitest';
import { requiredAnswerTypes } from '../../src/answer/answer-types.js';
import { withAntecedents } from '../../src/answer/antecedents.js';
import type { Candidate } from '../../src/answer/candidates.js';
import { cite, renderSegments } from '../../src/answer/citations.js';
import { claimsFor, isNegated } from '../../src/answer/conflicts.js';
import { jaccard, readingOrder, selectSentences } from '../../src/answer/select.js';
import type { Chunk } from '../../src/corpus/chunk.js';

const CHUNK: Chunk = {
  id: 'doc-a#0',
  docId: 'doc-a',
  title: 'Doc A',
  section: 'Risks?',
  sentences: [
    { text: 'Nausea is common.', paragraph: 0, index: 0 },
    { text: 'It usually passes quickly.', paragraph: 0, index: 1 },
    { text: 'Dizziness can also occur.', paragraph: 1, index: 0 },
  ],
  text: 'Nausea is common. It usually passes quickly. Dizziness can also occur.',
};
const OTHER: Chunk = { ...CHUNK, id: 'doc-b#0', docId: 'doc-b', title: 'Doc B', sentences: [{ text: 'Vomiting is rare.', paragraph: 0, index: 0 }], text: 'Vomiting is rare.' };

function cand(chunk: Chunk, i: number, score: number, dense = score): Candidate {
  const sentence = chunk.sentences[i] as Chunk['sentences'][number];
  return { text: sentence.text, chunk, sentence, chunkRank: 0, dense, coverage: 0, headingSim: 0, specificity: 0, score };
}

describe('cite', () => {
  it('gives consecutive sentences of one paragraph one citation whose quote is the whole run', () => {
    const { segments, citations } = cite([cand(CHUNK, 0, 1), cand(CHUNK, 1, 1), cand(CHUNK, 2, 1), cand(OTHER, 0, 1)]);
    expect(citations.map((c) => [c.n, c.docId, c.chunkId, c.quote])).toEqual([
      [1, 'doc-a', 'doc-a#0', 'Nausea is common. It usually passes quickly.'],
      [2, 'doc-a', 'doc-a#0', 'Dizziness can also occur.'],
      [3, 'doc-b', 'doc-b#0', 'Vomiting is rare.'],
    ]);
    expect(renderSegments(segments)).toBe('Nausea is common. [1] It usually passes quickly. [1] Dizziness can also occur. [2] Vomiting is rare. [3]');
  });
});

describe('selectSentences', () => {
  it('keeps the best, adds others above the cut-off, prefers a new article, and stops at the maximum', () => {
    const chosen = selectSentences([cand(CHUNK, 0, 1), cand(CHUNK, 2, 0.9), cand(OTHER, 0, 0.88), cand(CHUNK, 1, 0.5)], { maxSentences: 2 });
    expect(chosen.map((c) => c.text)).toEqual(['Nausea is common.', 'Vomiting is rare.']);
  });

  it('skips near-duplicates and sentences far less similar to the question', () => {
    const dup: Candidate = { ...cand(OTHER, 0, 0.99), text: 'Nausea is very common.' };
    const far = cand(CHUNK, 2, 0.95, 0.5);
    expect(selectSentences([cand(CHUNK, 0, 1), dup, far], { maxSentences: 4 }).map((c) => c.text)).toEqual(['Nausea is common.']);
  });

  it('returns nothing for no candidates', () => {
    expect(selectSentences([], { maxSentences: 4 })).toEqual([]);
  });

  it('jaccard is 1 for the same words and 0 for disjoint ones', () => {
    expect(jaccard('A b c', 'c B a')).toBe(1);
    expect(jaccard('a b', 'c d')).toBe(0);
  });

  it('readingOrder groups by article (best first) and follows the article order inside each', () => {
    const ordered = readingOrder([cand(CHUNK, 2, 1), cand(OTHER, 0, 0.9), cand(CHUNK, 0, 0.8)]);
    expect(ordered.map((c) => c.text)).toEqual(['Nausea is common.', 'Dizziness can also occur.', 'Vomiting is rare.']);
  });
});

describe('withAntecedents', () => {
  it('brings in the sentence a pointing sentence leans on', () => {
    const out = withAntecedents([cand(CHUNK, 1, 1)], 4);
    expect(readingOrder(out).map((c) => c.text)).toEqual(['Nausea is common.', 'It usually passes quickly.']);
  });

  it('drops a pointing sentence that is not the best when there is no room for its antecedent', () => {
    const out = withAntecedents([cand(OTHER, 0, 1), cand(CHUNK, 1, 0.9)], 2);
    expect(out.map((c) => c.text)).toEqual(['Vomiting is rare.']);
  });
});

describe('conflicts', () => {
  it('recognises questions about FDA approval and addiction', () => {
    expect(claimsFor('Is ketamine FDA approved?').map((c) => c.id)).toEqual(['fda-approval']);
    expect(claimsFor('can you get hooked on it').map((c) => c.id)).toEqual(['addictive']);
    expect(claimsFor('How long does a session last?')).toEqual([]);
  });

  it('tells a denial from an affirmation', () => {
    expect(isNegated("It's even approved by the FDA.")).toBe(false);
    expect(isNegated('Currently, ketamine therapy is not approved by the FDA for mental health treatment.')).toBe(true);
    expect(isNegated('The FDA doesn’t approve it.')).toBe(true);
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
