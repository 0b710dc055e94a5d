import { describe, expect, it } from 'vitest';
import {
  featureDims,
  featurize,
  foldText,
  NGRAM_BUCKETS,
  ngramsOf,
  USE_DIMS,
} from '../../../src/safety/classifier/features.js';

const vector = new Array(USE_DIMS).fill(0).map((_, i) => (i === 0 ? 1 : 0));

describe('safety features', () => {
  it('folds case, accents and punctuation', () => {
    expect(foldText('  Quiero MORIR… ¿Ayúdame?')).toBe('quiero morir ayudame');
  });

  it('n-grams: words, word pairs and padded character 3/4-grams', () => {
    const grams = ngramsOf('Kill me');
    expect(grams).toContain('w:kill');
    expect(grams).toContain('b:kill me');
    expect(grams).toContain('c: ki');
    expect(grams).toContain('c:kill');
  });

  it('with n-grams the vector is USE + a unit-length hashed block; without, USE only', () => {
    const x = featurize(vector, 'how much ketamine', { ngrams: true });
    const block = Array.from(x.values.slice(USE_DIMS));
    expect(block.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 5);
    expect(Math.max(...x.indices)).toBeLessThan(featureDims({ ngrams: true }));
    expect(featureDims({ ngrams: true })).toBe(USE_DIMS + NGRAM_BUCKETS);
    expect(featurize(vector, 'how much ketamine', { ngrams: false }).indices).toHaveLength(USE_DIMS);
    expect(() => featurize([1, 2], 'x', { ngrams: false })).toThrow(/512/);
  });
});
