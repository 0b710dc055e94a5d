import { AppError } from '../errors.js';

/**
 * A text with nothing visible in it (empty, white space, only zero-width characters or BOM) was given to the
 * embedder. USE-lite returns no row for an empty text, which shifts every later vector of a batch onto the wrong
 * text, so such a text is refused before any model call (issue 9, defect 1). 400: it is always the caller's input.
 */
export class EmptyTextError extends AppError {
  constructor() {
    super('Nothing to embed: the text is empty after removing invisible characters.', 'empty_text', 400);
  }
}

/**
 * The model gave back a different number of vectors (or of dimensions) than it was given texts. Nothing of such a
 * batch may be used or cached: vectors can no longer be matched to their texts.
 */
export class EmbeddingMismatchError extends AppError {
  constructor(detail: string) {
    super(`embedding batch mismatch: ${detail}`, 'embedding_mismatch', 500);
  }
}
