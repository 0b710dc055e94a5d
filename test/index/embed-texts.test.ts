import { describe, expect, it } from 'vitest';
import { embeddableTexts, loadCorpusData } from '../../src/corpus/corpus.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { embedInLengthOrder } from '../../src/index/embed-texts.js';
import { HashEmbeddings } from '../doubles/hash-embeddings.js';

/** Hash embeddings that remember the order the texts reached them in. */
class RecordingEmbeddings extends HashEmbeddings {
  readonly seen: string[] = [];
  override async embedDocuments(documents: string[]): Promise<number[][]> {
    this.seen.push(...documents);
    return super.embedDocuments(documents);
  }
}

describe('embedInLengthOrder (the index build)', () => {
  it('hands the model the texts shortest first and returns each text its own vector, in the original order', async () => {
    const texts = ['a much longer sentence about infusions', 'short', 'a medium one here', 'tiny', 'other'];
    const model = new RecordingEmbeddings();
    const vectors = await embedInLengthOrder(model, texts);
    expect(model.seen.map((t) => t.length)).toEqual(texts.map((t) => t.length).sort((a, b) => a - b));
    // Stable: texts of equal length keep their order ('short' before 'other').
    expect(model.seen).toEqual([
      'tiny',
      'short',
      'other',
      'a medium one here',
      'a much longer sentence about infusions',
    ]);
    expect(vectors).toEqual(await new HashEmbeddings().embedDocuments(texts));
  });

  it('embeds the same vectors as one text at a time with the real model (float tolerance)', async () => {
    // The uncached model on purpose: a vector cache would hand back the same numbers whatever the batching. 40
    // corpus texts from the shortest to the longest (the longest is what pads a batch), in a mixed order.
    const data = await loadCorpusData('corpus');
    const all = embeddableTexts(data.chunks, data.bank, data.notCovered).sort((a, b) => a.length - b.length);
    const step = (all.length - 1) / 39;
    const sample = Array.from({ length: 40 }, (_, i) => all[Math.round(i * step)] as string).reverse();
    sample.push(...sample.splice(0, 20)); // long ones at the end, short ones first: not already in length order
    const batched = await embedInLengthOrder(new UseLiteEmbeddings({ batchSize: 32 }), sample);
    const alone = new UseLiteEmbeddings({ batchSize: 1 });
    let worst = 0;
    for (const [i, text] of sample.entries()) {
      const [single] = await alone.embedDocuments([text]);
      for (const [j, x] of (single as number[]).entries()) {
        worst = Math.max(worst, Math.abs(x - (batched[i]?.[j] as number)));
      }
    }
    expect(worst).toBeLessThan(1e-6);
  });
});
