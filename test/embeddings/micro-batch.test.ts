/**
 * Micro-batching with a misbehaving model (injected): a batch that comes back one row short must never hand a
 * shifted vector to anyone, nor leave one in the query cache. Deterministic and fast; the real model is covered by
 * test/reliability/embed-batch.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { RawEmbedder } from '../../src/embeddings/checked-batch.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';

/** A unit vector that encodes the text: position = text length (mod 512). */
function vectorOf(text: string): number[] {
  const v = new Array<number>(512).fill(0);
  v[text.length % 512] = 1;
  return v;
}

/** Like USE-lite given a text it yields no row for: batches containing `bad` lose one row, so later rows shift. */
class ShiftingModel implements RawEmbedder {
  readonly batches: string[][] = [];
  constructor(private readonly bad: string) {}
  async embed(texts: string[]): Promise<number[][]> {
    this.batches.push(texts);
    return texts.filter((t) => t !== this.bad).map(vectorOf);
  }
}

const TEXTS = ['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff'];

describe('UseLiteEmbeddings micro-batching with a model that drops a row', () => {
  it('gives every concurrent query its own vector and fails only the text the model cannot embed', async () => {
    const model = new ShiftingModel('ccc');
    const embeddings = new UseLiteEmbeddings({ model });
    const settled = await Promise.allSettled(TEXTS.map((t) => embeddings.embedQuery(t)));
    settled.forEach((r, i) => {
      const text = TEXTS[i] as string;
      if (text === 'ccc') expect(r).toMatchObject({ status: 'rejected', reason: { code: 'embedding_mismatch' } });
      else expect(r).toEqual({ status: 'fulfilled', value: vectorOf(text) });
    });
    // One batch for all six (they arrived together), then each text alone after the mismatch.
    expect(model.batches[0]).toEqual(TEXTS);
    expect(model.batches.length).toBe(1 + TEXTS.length);
  });

  it('keeps no vector of a mismatched batch in the cache', async () => {
    const model = new ShiftingModel('ccc');
    const embeddings = new UseLiteEmbeddings({ model });
    await Promise.allSettled(TEXTS.map((t) => embeddings.embedQuery(t)));
    const calls = model.batches.length;
    for (const t of TEXTS.filter((x) => x !== 'ccc')) expect(await embeddings.embedQuery(t)).toEqual(vectorOf(t));
    expect(model.batches.length).toBe(calls); // all from the cache, and all right
  });

  it('refuses blank documents before calling the model, and embeds a clean batch in one call', async () => {
    const model = new ShiftingModel('never');
    const embeddings = new UseLiteEmbeddings({ model });
    await expect(embeddings.embedDocuments(['a', '\u200b', 'bb'])).rejects.toMatchObject({ code: 'empty_text' });
    await expect(embeddings.embedQuery('\ufeff')).rejects.toMatchObject({ code: 'empty_text' });
    expect(model.batches).toEqual([]);
    expect(await embeddings.embedDocuments(['a', 'bb'])).toEqual([vectorOf('a'), vectorOf('bb')]);
    expect(model.batches).toEqual([['a', 'bb']]);
  });
});
