import { describe, expect, it } from 'vitest';
import { TextSimilarities } from '../../src/retrieval/text-similarities.js';
import { topIndices } from '../../src/retrieval/unit-search.js';

describe('TextSimilarities', () => {
  // Labels 0..3; "b" is stored twice (labels 1 and 3). The fake search returns nearest first, like hnswlib.
  const texts = ['a', 'b', 'c', 'b'];
  const search = () => ({ neighbors: [3, 0, 1, 2], distances: [0.1, 0.2, 0.3, 0.9] });

  it('gives each distinct text its best (first) hit, by id', () => {
    const sims = new TextSimilarities(texts, search);
    expect(sims.size).toBe(3);
    const out = sims.similarities([1, 0]);
    expect(out[sims.idOf('a')]).toBeCloseTo(0.8, 12);
    expect(out[sims.idOf('b')]).toBeCloseTo(0.9, 12);
    expect(out[sims.idOf('c')]).toBeCloseTo(0.1, 12);
  });

  it('says −1 for a text the index lacks and NaN for one the search did not return', () => {
    const sims = new TextSimilarities(texts, () => ({ neighbors: [0], distances: [0] }));
    expect(sims.idOf('zzz')).toBe(-1);
    expect(Number.isNaN(sims.similarities([1])[sims.idOf('c')] as number)).toBe(true);
  });
});

describe('topIndices', () => {
  it('keeps the k largest, largest first, the lower index first on ties (a stable sort)', () => {
    const values = Float64Array.from([0.5, 0.9, 0.5, 0.1, 0.9, 0.7]);
    expect(topIndices(values, 4)).toEqual([1, 4, 5, 0]);
    const sorted = [...values.keys()].sort((a, b) => (values[b] as number) - (values[a] as number)).slice(0, 4);
    expect(topIndices(values, 4)).toEqual(sorted);
  });
});
