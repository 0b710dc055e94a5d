import { describe, expect, it } from 'vitest';
import { isFramingTerm, outOfVocabularyCount, outOfVocabularyShare } from '../../src/answer/answerability.js';
import { queryTerms } from '../../src/answer/query-terms.js';
import { missingSpecific } from '../../src/answer/term-features.js';
import type { Chunk } from '../../src/corpus/chunk.js';
import { TermStats } from '../../src/retrieval/term-stats.js';

const unit = (id: string, text: string): Chunk => ({
  id,
  docId: id.split('#')[0] as string,
  title: 't',
  section: 'Costs and access',
  sentences: [{ text, paragraph: 0, index: 0, ordinal: 0 }],
  text,
  list: false,
});
const COST = unit('a#0', 'Ketamine therapy can cost a lot of money, and many insurance plans do not pay for it.');
const UNITS = [
  COST,
  unit('b#0', 'Ketamine infusions are spaced out over several weeks.'),
  unit('c#0', 'Nausea can occur.'),
];
const stats = new TermStats(UNITS);

describe('missingSpecific (the key word the best unit never mentions)', () => {
  it('is 0 when the unit (or its bank questions) holds every question term', () => {
    expect(missingSpecific(queryTerms('does insurance pay for ketamine', []), [COST.text], stats, isFramingTerm)).toBe(
      0,
    );
    expect(
      missingSpecific(queryTerms('is it pricey', []), [COST.text, 'is ketamine therapy pricey'], stats, isFramingTerm),
    ).toBe(0);
  });

  it('is high for a specific word the unit lacks, and ignores framing words', () => {
    const terms = queryTerms('how many dollars does ketamine cost', []);
    expect(missingSpecific(terms, [COST.text], stats, isFramingTerm)).toBeGreaterThan(0.9);
    expect(missingSpecific(queryTerms('I am curious what ketamine costs', []), [COST.text], stats, isFramingTerm)).toBe(
      0,
    );
  });
});

describe('outOfVocabularyCount', () => {
  it('counts the unknown words that the share dilutes in a long question', () => {
    const short = queryTerms('ketamine lithium', []);
    const long = queryTerms(
      'can ketamine therapy with insurance over several weeks be mixed with lithium or clozapine',
      [],
    );
    expect(outOfVocabularyCount(short, [], stats)).toBeCloseTo(Math.log(2));
    expect(outOfVocabularyCount(long, [], stats)).toBeGreaterThan(outOfVocabularyCount(short, [], stats));
    expect(outOfVocabularyShare(long, [], stats)).toBeLessThan(outOfVocabularyShare(short, [], stats));
    expect(outOfVocabularyCount(queryTerms('ketamine insurance', []), [], stats)).toBe(0);
  });
});
