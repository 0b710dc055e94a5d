import { isBlankMessage } from '../core/message.js';
import { EmbeddingMismatchError, EmptyTextError } from './errors.js';

/** The one thing this module needs of a model: texts in, one vector per text out, in order. */
export interface RawEmbedder {
  embed(texts: string[]): Promise<number[][]>;
}

/** Throws EmptyTextError when any text is blank to a reader; such a text must never reach the model. */
export function assertEmbeddable(texts: readonly string[]): void {
  for (const text of texts) if (isBlankMessage(text)) throw new EmptyTextError();
}

/**
 * Checks a model's answer for a batch: exactly one vector per text, each of `dimensions` finite numbers. Anything
 * else throws EmbeddingMismatchError, so no vector of a broken batch is ever handed out (or cached).
 */
export function checkBatch(
  texts: readonly string[],
  vectors: readonly (readonly number[])[],
  dimensions?: number,
): void {
  if (vectors.length !== texts.length) {
    throw new EmbeddingMismatchError(`${texts.length} texts, ${vectors.length} vectors`);
  }
  const dims = dimensions ?? vectors[0]?.length ?? 0;
  for (const v of vectors) {
    if (v.length !== dims || dims === 0) {
      throw new EmbeddingMismatchError(`vector of ${v.length} dimensions, expected ${dims}`);
    }
    if (!v.every(Number.isFinite)) throw new EmbeddingMismatchError('non-finite vector');
  }
}

/** One checked model call: refuses blank texts before the call and a mismatched answer after it. */
export async function embedChecked(model: RawEmbedder, texts: string[], dimensions?: number): Promise<number[][]> {
  assertEmbeddable(texts);
  if (texts.length === 0) return [];
  const vectors = await model.embed(texts);
  checkBatch(texts, vectors, dimensions);
  return vectors;
}
