import hnswlib from 'hnswlib-node';
import { describe, expect, it } from 'vitest';
import { createIpScan } from '../../src/retrieval/ip-scan.js';
import { TextSimilarities } from '../../src/retrieval/text-similarities.js';

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function cosineIndex(n: number, dim: number, next: () => number) {
  const index = new hnswlib.HierarchicalNSW('cosine', dim);
  index.initIndex(n);
  for (let label = 0; label < n; label++)
    index.addPoint(
      Array.from({ length: dim }, () => next() - 0.5),
      label,
    );
  return index;
}

const query = (dim: number, next: () => number) => Array.from({ length: dim }, () => next() * 2 - 1);

describe('createIpScan', () => {
  it("gives an exact HNSW search's distances bit for bit, for every label", () => {
    const next = random(7);
    const index = cosineIndex(300, 64, next);
    const scan = createIpScan(index);
    expect(scan).toBeDefined();
    for (let q = 0; q < 50; q++) {
      const vector = query(64, next);
      const { neighbors, distances } = index.searchKnn(vector, 300);
      const mine = scan?.(vector) as Float32Array;
      expect(neighbors.map((label) => mine[label])).toEqual(distances);
    }
  });

  it('gives TextSimilarities the same figures as the HNSW search, a text stored twice included', () => {
    const next = random(11);
    const index = cosineIndex(40, 32, next);
    const texts = Array.from({ length: 40 }, (_, i) => `text ${i % 30}`);
    const search = (v: number[], k: number) => index.searchKnn(v, k);
    const viaHnsw = new TextSimilarities(texts, search);
    const viaScan = new TextSimilarities(texts, search, createIpScan(index));
    for (let q = 0; q < 20; q++) {
      const vector = query(32, next);
      expect(viaScan.similarities(vector)).toEqual(viaHnsw.similarities(vector));
    }
  });

  it('declines (the caller keeps HNSW) when hnswlib would use another kernel: a dimension not a multiple of 16', () => {
    expect(createIpScan(cosineIndex(10, 24, random(3)))).toBeUndefined();
  });
});
