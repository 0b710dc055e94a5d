import { eng } from 'stopword';
import { describe, expect, it } from 'vitest';
import { stem } from '../../src/text/stem.js';
import { contentTerms, isStopword, STOPWORDS } from '../../src/text/stopwords.js';

describe('stop words', () => {
  it("use the stopword package's English list, plus question framing and contractions as typed", () => {
    expect(isStopword('the')).toBe(true);
    expect(isStopword('please')).toBe(true);
    expect(isStopword('doesnt')).toBe(true);
    expect(isStopword("doesn't")).toBe(true);
    expect(isStopword('ketamine')).toBe(false);
    expect(eng.filter((w) => !STOPWORDS.has(w)).sort()).toEqual([
      'another',
      'came',
      'come',
      'make',
      'never',
      'now',
      'said',
      'since',
      'still',
      'take',
      'way',
      'well',
    ]);
  });

  it("list no form ending in 's (the tokenizer drops it, so such an entry could never match)", () => {
    expect([...STOPWORDS].filter((w) => w.endsWith("'s"))).toEqual([]);
  });
});

describe('contentTerms', () => {
  it('drops stop words and stems the rest', () => {
    expect(contentTerms('What are the side effects of it?')).toEqual([stem('side'), stem('effects')]);
    expect(contentTerms('How long does an appointment take?')).toEqual(['long', 'appointment', 'take']);
  });
});
