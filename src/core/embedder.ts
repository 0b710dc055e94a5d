import type { Embeddings } from '@langchain/core/embeddings';

/** A LangChain Embeddings that names its model, so manifests can tell when vectors are stale. */
export type ModelEmbeddings = Embeddings & { readonly modelId: string; readonly dimensions: number };
