import type { ModelEmbeddings } from '../core/embedder.js';

/**
 * Embeds `texts` and returns their vectors in the same order, but hands them to the model shortest first. USE-lite
 * pads every text of a batch to the batch's longest one, so batches of similar lengths waste less work: on this
 * corpus's 2,110 texts, 32 per batch (the embedder's default), measured in CPU time, 13.4 ms a vector in corpus
 * order and 10.0 ms in length order (batches of 16, 64 and 128 in length order: 11.1, 10.5, 11.2 ms). The vectors
 * are the model's own either way: against embedding each text alone they differ by under 1e-6 (float rounding of
 * the padded batch), which test/index/embed-texts.test.ts checks.
 */
export async function embedInLengthOrder(embeddings: ModelEmbeddings, texts: readonly string[]): Promise<number[][]> {
  // A stable sort: texts of equal length keep their corpus order, so the batches are the same on every build.
  const order = texts.map((_, i) => i).sort((a, b) => (texts[a] as string).length - (texts[b] as string).length);
  const sorted = await embeddings.embedDocuments(order.map((i) => texts[i] as string));
  const vectors = new Array<number[]>(texts.length);
  order.forEach((original, k) => {
    vectors[original] = sorted[k] as number[];
  });
  return vectors;
}
