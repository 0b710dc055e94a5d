import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  collectStrings,
  findNearCopies,
  findNearCopiesBruteForce,
  isNearCopy,
  NEAR_COPY_THRESHOLD,
  trigramJaccard,
} from '../../evals/lib/near-copy.js';
import { sharedDevSets, sharedSeeds } from '../helpers/shared-sets.js';

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
    expect(trigramJaccard(a, 'where could I buy ketamine without a prescription?')).toBeGreaterThanOrEqual(
      NEAR_COPY_THRESHOLD,
    );
    expect(trigramJaccard(a, 'is ketamine legal without a prescription in the UK')).toBeLessThan(NEAR_COPY_THRESHOLD);
  });

  it('handles texts shorter than a trigram', () => {
    expect(trigramJaccard('hi', 'HI')).toBe(1);
    expect(trigramJaccard('hi', 'yo')).toBe(0);
    expect(trigramJaccard('', '')).toBe(0);
  });
});

describe('near-copy (character 3-gram Jaccard)', () => {
  it('is 1 for identical texts, also after case and whitespace changes', () => {
    expect(trigramJaccard('How long does an infusion take?', 'How long does an infusion take?')).toBe(1);
    expect(trigramJaccard('How  long does an INFUSION take? ', 'how long does an infusion take?')).toBe(1);
  });

  it('is about 0 for unrelated texts', () => {
    expect(trigramJaccard('insurance coverage in dollars', 'why is glutamate important?')).toBeLessThan(0.1);
    expect(trigramJaccard('', '')).toBe(0);
  });

  it('puts the threshold between a small edit and a rewording', () => {
    const original = 'how long does a ketamine infusion take';
    const edited = 'how long does a ketamine infusion last'; // one word changed: still a copy
    const reworded = 'about how long are you hooked up to the drip'; // same question, own words
    expect(trigramJaccard(original, edited)).toBeGreaterThanOrEqual(NEAR_COPY_THRESHOLD);
    expect(isNearCopy(original, edited)).toBe(true);
    expect(isNearCopy(original, reworded)).toBe(false);
    // Exactly at the threshold counts: "abcdef" has 4 grams, "abcdefg" 5, sharing 4 → 0.8 ≥ 0.8.
    expect(isNearCopy('abcdef', 'abcdefg', 0.8)).toBe(true);
    expect(isNearCopy('abcdef', 'abcdefgh', 0.8)).toBe(false);
  });

  it('collects every string of a YAML value, keys included, and reports the near-copies', () => {
    const phrases = collectStrings(
      parse('drip: [iv infusion, "the drip"]\nnested: { a: [{ b: how long is a session }] }\n'),
    );
    expect(phrases).toEqual(['drip', 'iv infusion', 'the drip', 'nested', 'a', 'b', 'how long is a session']);
    expect(findNearCopies(['How long is a session?', 'Is it safe?'], phrases).map((h) => h.text)).toEqual([
      'How long is a session?',
    ]);
  });
});

describe('findNearCopies (prefix index) flags exactly what the brute force flags', () => {
  /** Deterministic small edits of a text (LCG, no Math.random): a sample with near-copies at every threshold. */
  function edits(text: string, n: number, seed: number): string[] {
    let x = seed;
    const next = () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x;
    };
    return Array.from({ length: n }, () => {
      const chars = [...text];
      for (let k = next() % 6; k > 0; k--) chars.splice(next() % (chars.length + 1), next() % 3, 'xyz '[next() % 4]!);
      return chars.join('');
    });
  }

  it('on seeds against the dev sets (real, non-frozen data) at several thresholds', () => {
    const dev = sharedDevSets()
      .map((d) => d.text)
      .filter((_, i) => i % 10 === 0);
    const seeds = sharedSeeds()
      .map((s) => s.text)
      .filter((_, i) => i % 2 === 0);
    expect(dev.length).toBeGreaterThan(100);
    let flagged = 0;
    // The brute force compares every pair once, at the lowest threshold: its answer at a higher one is exactly those
    // hits with a Jaccard that high, in the same order (every pair at or above the threshold, text then phrase order).
    // Three full passes over this growing sample were most of this file's time.
    const thresholds = [0.35, NEAR_COPY_THRESHOLD, 0.8];
    const reference = findNearCopiesBruteForce(dev, seeds, Math.min(...thresholds));
    for (const threshold of thresholds) {
      const fast = findNearCopies(dev, seeds, threshold);
      expect(fast, String(threshold)).toEqual(reference.filter((h) => h.jaccard >= threshold));
      flagged += fast.length;
    }
    // The sample must hold pairs to agree on, or the comparison proves nothing.
    expect(flagged).toBeGreaterThan(10);
  });

  it('on edited copies, short texts, duplicates and empty strings', () => {
    const base = ['how long does a ketamine infusion take', 'is it safe with ssris', 'hi', 'ab', 'abc', 'a b c d'];
    const phrases = [...base, ...base.flatMap((t, i) => edits(t, 8, i + 1)), 'HI', '', '  '];
    const texts = [...base.flatMap((t, i) => edits(t, 8, i + 101)), '', 'hi', 'HI there'];
    for (const threshold of [0, 0.1, 0.3, NEAR_COPY_THRESHOLD, 0.75, 1]) {
      const fast = findNearCopies(texts, phrases, threshold);
      expect(fast, String(threshold)).toEqual(findNearCopiesBruteForce(texts, phrases, threshold));
      if (threshold === NEAR_COPY_THRESHOLD) expect(fast.length).toBeGreaterThan(20);
    }
  });
});
