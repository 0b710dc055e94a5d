import { describe, expect, it } from 'vitest';
import type { Citation } from '../../src/core/reply.js';
import {
  articleTexts,
  isVerbatim,
  markersResolve,
  normalizeForMatch,
  verifyCitations,
  type Segment,
} from '../../src/answer/verify.js';

const ARTICLES = articleTexts([
  {
    id: 'doc-a',
    body: '# Title line\n\nKetamine’s effects are   fast.\nThey fade within hours.\n\n## Risks?\n\n- Nausea can occur.\n- “Dissociation” may too.\n',
  },
  { id: 'doc-b', body: 'The FDA does not currently approve ketamine for depression.\n' },
]);

const cite = (n: number, docId: string, quote: string): Citation => ({
  n,
  docId,
  title: docId,
  chunkId: `${docId}#0`,
  quote,
});

describe('normalizeForMatch', () => {
  it('folds typographic quotes and whitespace only', () => {
    expect(normalizeForMatch('  It’s “fine”\n\tnow ')).toBe('It\'s "fine" now');
    expect(normalizeForMatch('Case and punctuation—stay.')).toBe('Case and punctuation—stay.');
  });
});

describe('isVerbatim', () => {
  it('accepts exact text across line breaks, whitespace and quote styles', () => {
    expect(isVerbatim("Ketamine's effects are fast. They fade within hours.", 'doc-a', ARTICLES)).toBe(true);
    expect(isVerbatim('"Dissociation" may too.', 'doc-a', ARTICLES)).toBe(true);
  });

  it('rejects any changed word, letter case, wrong article, empty quote or Markdown-only text', () => {
    expect(isVerbatim("Ketamine's effects are slow.", 'doc-a', ARTICLES)).toBe(false);
    expect(isVerbatim("ketamine's effects are fast.", 'doc-a', ARTICLES)).toBe(false);
    expect(isVerbatim('Nausea can occur.', 'doc-b', ARTICLES)).toBe(false);
    expect(isVerbatim('Nausea can occur.', 'no-such-doc', ARTICLES)).toBe(false);
    expect(isVerbatim('   ', 'doc-a', ARTICLES)).toBe(false);
    expect(isVerbatim('Title line', 'doc-a', ARTICLES)).toBe(false);
    expect(isVerbatim('- Nausea can occur.', 'doc-a', ARTICLES)).toBe(false);
  });
});

describe('verifyCitations', () => {
  const segments: Segment[] = [
    { sentence: "Ketamine's effects are fast.", n: 1 },
    { sentence: 'They fade within hours.', n: 1 },
    { sentence: 'Nausea can occur.', n: 2 },
    { sentence: 'The FDA does not currently approve ketamine for depression.', n: 3 },
  ];
  const citations = [
    cite(1, 'doc-a', "Ketamine's effects are fast. They fade within hours."),
    cite(2, 'doc-a', 'Nausea can occur.'),
    cite(3, 'doc-b', 'The FDA does not currently approve ketamine for depression.'),
  ];

  it('keeps an answer whose quotes are all verbatim, unchanged', () => {
    const v = verifyCitations(segments, citations, ARTICLES);
    expect(v.segments).toEqual(segments);
    expect(v.citations).toEqual(citations);
    expect(v.dropped).toEqual([]);
  });

  it('drops a tampered quote and every sentence relying on it, and renumbers the rest', () => {
    const tampered = citations.map((c) =>
      c.n === 1 ? { ...c, quote: "Ketamine's effects are permanent. They fade within hours." } : c,
    );
    const v = verifyCitations(segments, tampered, ARTICLES);
    expect(v.dropped.map((c) => c.n)).toEqual([1]);
    expect(v.segments).toEqual([
      { sentence: 'Nausea can occur.', n: 1 },
      { sentence: 'The FDA does not currently approve ketamine for depression.', n: 2 },
    ]);
    expect(v.citations.map((c) => [c.n, c.quote])).toEqual([
      [1, 'Nausea can occur.'],
      [2, 'The FDA does not currently approve ketamine for depression.'],
    ]);
  });

  it('drops a sentence that is not inside the quote it cites, even when the quote itself is fine', () => {
    const v = verifyCitations([{ sentence: 'Nausea can occur.', n: 3 }, ...segments.slice(3)], citations, ARTICLES);
    expect(v.segments).toEqual([{ sentence: 'The FDA does not currently approve ketamine for depression.', n: 1 }]);
  });

  it('drops a sentence that was altered even when its citation is intact', () => {
    const v = verifyCitations([{ sentence: 'Nausea always occurs.', n: 2 }], citations, ARTICLES);
    expect(v.segments).toEqual([]);
    expect(v.citations).toEqual([]);
  });

  it('drops a sentence whose [n] resolves to no citation', () => {
    const v = verifyCitations([{ sentence: 'Nausea can occur.', n: 9 }], citations, ARTICLES);
    expect(v.segments).toEqual([]);
  });

  it('drops a quote attributed to the wrong article', () => {
    const v = verifyCitations(
      [{ sentence: 'Nausea can occur.', n: 1 }],
      [cite(1, 'doc-b', 'Nausea can occur.')],
      ARTICLES,
    );
    expect(v.dropped).toHaveLength(1);
    expect(v.segments).toEqual([]);
  });
});

describe('markersResolve', () => {
  it('is true only when every [n] has a citation', () => {
    const cs = [cite(1, 'doc-a', 'x'), cite(2, 'doc-a', 'y')];
    expect(markersResolve('A [1]. B [2].', cs)).toBe(true);
    expect(markersResolve('No markers.', cs)).toBe(true);
    expect(markersResolve('A [1]. C [3].', cs)).toBe(false);
  });
});
