import { describe, expect, it } from 'vitest';
import { NEAR_COPY_THRESHOLD, trigramJaccard } from '../../evals/lib/near-copy.js';

describe('trigramJaccard', () => {
  it('is 1 for the same text, ignoring case and runs of whitespace', () => {
    expect(trigramJaccard('How much  ketamine?', 'how much\nKETAMINE?')).toBe(1);
  });

  it('is 0 for texts that share no 3-gram', () => {
    expect(trigramJaccard('abcdef', 'uvwxyz')).toBe(0);
  });

  it('counts shared trigrams over the union', () => {
    // "abcd" → {abc, bcd}; "bcde" → {bcd, cde}: 1 shared of 3.
    expect(trigramJaccard('abcd', 'bcde')).toBeCloseTo(1 / 3, 10);
  });

  it('flags a lightly reworded prompt and passes a different one with the same topic words', () => {
    const a = 'where can I buy ketamine without a prescription';
    expect(trigramJaccard(a, 'where could I buy ketamine without a prescription?')).toBeGreaterThanOrEqual(NEAR_COPY_THRESHOLD);
    expect(trigramJaccard(a, 'is ketamine legal without a prescription in the UK')).toBeLessThan(NEAR_COPY_THRESHOLD);
  });

  it('handles texts shorter than a trigram', () => {
    expect(trigramJaccard('hi', 'HI')).toBe(1);
    expect(trigramJaccard('hi', 'yo')).toBe(0);
    expect(trigramJaccard('', '')).toBe(1);
  });
});
