/**
 * `embedQueries`: a turn's texts (the message and the policy's readings) in one model call, each cached like
 * `embedQuery`, with and without micro-batching. An injected recording model; the real one is not needed.
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

class RecordingModel implements RawEmbedder {
  readonly batches: string[][] = [];
  async embed(texts: string[]): Promise<number[][]> {
    this.batches.push(texts);
    return texts.map(vectorOf);
  }
}

describe.each([true, false])('UseLiteEmbeddings.embedQueries (batching %s)', (batching) => {
  it('embeds every uncached text in one model call and caches each', async () => {
    const model = new RecordingModel();
    const embeddings = new UseLiteEmbeddings({ model, batching });
    expect(await embeddings.embedQueries(['a', 'bb', 'a', 'ccc'])).toEqual(['a', 'bb', 'a', 'ccc'].map(vectorOf));
    expect(model.batches).toEqual([['a', 'bb', 'ccc']]);
    // Each is now a cached query: none costs a model call, alone or together.
    expect(await embeddings.embedQuery('bb')).toEqual(vectorOf('bb'));
    expect(await embeddings.embedQueries(['ccc', 'a'])).toEqual([vectorOf('ccc'), vectorOf('a')]);
    expect(model.batches).toHaveLength(1);
  });

  it('sends only the texts it has not seen', async () => {
    const model = new RecordingModel();
    const embeddings = new UseLiteEmbeddings({ model, batching });
    await embeddings.embedQuery('a');
    expect(await embeddings.embedQueries(['a', 'dddd'])).toEqual([vectorOf('a'), vectorOf('dddd')]);
    expect(model.batches).toEqual([['a'], ['dddd']]);
  });

  it('keeps its hits when a small cache must evict to remember the misses', async () => {
    const model = new RecordingModel();
    const embeddings = new UseLiteEmbeddings({ model, batching, queryCacheSize: 1 });
    await embeddings.embedQuery('a');
    expect(await embeddings.embedQueries(['a', 'bb', 'ccc'])).toEqual(['a', 'bb', 'ccc'].map(vectorOf));
  });

  it('refuses a blank text before any model call', async () => {
    const model = new RecordingModel();
    const embeddings = new UseLiteEmbeddings({ model, batching });
    await expect(embeddings.embedQueries(['a', '\u200b'])).rejects.toMatchObject({ code: 'empty_text' });
    expect(model.batches).toEqual([]);
  });
});
