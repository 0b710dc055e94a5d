import { describe, expect, it } from 'vitest';
import { cite, renderSegments, unitStarts } from '../../src/answer/citations.js';
import type { Chunk } from '../../src/corpus/chunk.js';

const unit = (id: string, texts: string[]): Chunk => ({
  id,
  docId: id.split('#')[0]!,
  title: id,
  sentences: texts.map((text, i) => ({ text, paragraph: 0, index: i, ordinal: i })),
  text: texts.join(' '),
  list: false,
});

describe('answer paragraphs', () => {
  it('starts a new paragraph where a second unit begins, not one run-on block', () => {
    const a = unit('doc-a#1', ['Nausea is common.', 'It passes quickly.']);
    const b = unit('doc-b#4', ['Dizziness can also occur.']);
    const parts = [
      { unit: a, sentences: a.sentences },
      { unit: b, sentences: b.sentences },
    ];
    const { segments } = cite(parts);
    expect(renderSegments(segments, new Set(), unitStarts(parts))).toBe(
      'Nausea is common. It passes quickly. [1]\n\nDizziness can also occur. [2]',
    );
  });
});
