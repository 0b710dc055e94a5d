import { afterAll, describe, expect, it } from 'vitest';
import { dot } from '../../src/core/vector.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';

describe('UseLiteEmbeddings', () => {
  const local = new UseLiteEmbeddings();
  const inWorker = new UseLiteEmbeddings({ worker: true });
  afterAll(() => inWorker.close());

  it('gives unit vectors of 512 dimensions, the same in a worker thread as in-process', async () => {
    const text = 'How long does a ketamine infusion last?';
    const [a, b] = await Promise.all([local.embedQuery(text), inWorker.embedQuery(text)]);
    expect(a).toHaveLength(512);
    expect(dot(a, a)).toBeCloseTo(1, 5);
    expect(dot(a, b)).toBeCloseTo(1, 4);
  });

  it('answers every concurrent query with its own vector (micro-batching keeps the order)', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `question number ${i} about side effects`);
    const together = await Promise.all(texts.map((t) => inWorker.embedQuery(t)));
    const alone = await local.embedDocuments(texts);
    for (const [i, v] of together.entries()) expect(dot(v, alone[i]!)).toBeCloseTo(1, 4);
    expect(dot(together[0]!, together[11]!)).toBeLessThan(0.999);
  });
});
