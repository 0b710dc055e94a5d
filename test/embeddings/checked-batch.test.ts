import { describe, expect, it } from 'vitest';
import { checkBatch, embedChecked, type RawEmbedder } from '../../src/embeddings/checked-batch.js';

/** Like USE-lite on a bad batch: one row short (the last text gets no row), and it records what it was sent. */
class DroppingModel implements RawEmbedder {
  readonly calls: string[][] = [];
  constructor(private readonly drop = false) {}
  async embed(texts: string[]): Promise<number[][]> {
    this.calls.push(texts);
    const rows = texts.map((t) => [t.length, 1]);
    return this.drop ? rows.slice(0, -1) : rows;
  }
}

describe('embedChecked', () => {
  it.each(['', '  ', '\u200b', '\u200c', '\u200d', '\ufeff', '\u200b \ufeff'])(
    'refuses a blank text (%j) before calling the model',
    async (blank) => {
      const model = new DroppingModel();
      await expect(embedChecked(model, ['a question', blank])).rejects.toMatchObject({
        code: 'empty_text',
        status: 400,
      });
      expect(model.calls).toEqual([]);
    },
  );

  it('fails loudly when the model gives fewer vectors than texts', async () => {
    await expect(embedChecked(new DroppingModel(true), ['one', 'two', 'three'])).rejects.toMatchObject({
      code: 'embedding_mismatch',
    });
  });

  it('passes a well-formed batch through unchanged', async () => {
    expect(await embedChecked(new DroppingModel(), ['one', 'three'])).toEqual([
      [3, 1],
      [5, 1],
    ]);
  });
});

describe('checkBatch', () => {
  it('rejects wrong dimensions and non-finite numbers', () => {
    expect(() => checkBatch(['a', 'b'], [[1, 2], [1]])).toThrow(/dimensions/);
    expect(() => checkBatch(['a'], [[1, 2]], 3)).toThrow(/dimensions/);
    expect(() => checkBatch(['a'], [[Number.NaN, 1]])).toThrow(/non-finite/);
    expect(() => checkBatch(['a', 'b'], [[1, 2]])).toThrow(/2 texts, 1 vectors/);
  });
});
