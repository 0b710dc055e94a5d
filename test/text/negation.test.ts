import { describe, expect, it } from 'vitest';
import { hasNegation } from '../../src/text/negation.js';

describe('hasNegation', () => {
  it('finds negation words and contracted "n\'t" with either apostrophe', () => {
    for (const t of [
      'Who should not take it?',
      'It is never used',
      'none of them',
      'avoid ketamine',
      'without a doctor',
      "It isn't approved",
      'It isn’t',
      'I cannot',
    ]) {
      expect(hasNegation(t), t).toBe(true);
    }
  });

  it('ignores words that only contain one ("note", "knot", "nothing")', () => {
    for (const t of ['Please note this', 'a knot', 'Nothing else', 'It is approved by the FDA'])
      expect(hasNegation(t), t).toBe(false);
  });
});
