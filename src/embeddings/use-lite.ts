import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { loadUseLiteModel, USE_LITE_DIMENSIONS, USE_LITE_MODEL_ID } from './use-lite-model.js';
import { WorkerEmbedder } from './worker-embedder.js';
import { normalize } from '../core/vector.js';

export { loadUseLiteModel, USE_LITE_DIMENSIONS, USE_LITE_MODEL_ID };

/** Options for {@link UseLiteEmbeddings}. */
export interface UseLiteEmbeddingsOptions extends EmbeddingsParams {
  /** Texts per model call when embedding documents (bigger batches amortise graph overhead). */
  batchSize?: number;
  /** Query vectors remembered (LRU). Repeated questions skip the model entirely. */
  queryCacheSize?: number;
  /**
   * How long (ms) concurrent queries wait to be embedded together in one batch. Batching halves the
   * per-text cost of USE-lite under load; 0 disables it.
   */
  batchWindowMs?: number;
  /**
   * Run the model in a worker thread, so its CPU work runs beside the event loop (the server uses this; tests and
   * scripts run it in-process). The worker loads its own copy of the weights.
   */
  worker?: boolean;
}

interface Pending {
  text: string;
  resolve: (vector: number[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Universal Sentence Encoder lite (512-d) as a LangChain `Embeddings`, so HNSWLib and the safety
 * classifier share one model. Vectors are L2-normalised: cosine similarity is then a dot product.
 */
export class UseLiteEmbeddings extends Embeddings {
  readonly modelId = USE_LITE_MODEL_ID;
  readonly dimensions = USE_LITE_DIMENSIONS;
  private readonly batchSize: number;
  private readonly cacheSize: number;
  private readonly batchWindowMs: number;
  private readonly cache = new Map<string, number[]>();
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private readonly worker: WorkerEmbedder | undefined;

  constructor(options: UseLiteEmbeddingsOptions = {}) {
    super(options);
    this.batchSize = options.batchSize ?? 32;
    this.cacheSize = options.queryCacheSize ?? 1000;
    this.batchWindowMs = options.batchWindowMs ?? 2;
    this.worker = options.worker ? new WorkerEmbedder() : undefined;
  }

  /** Stops the worker thread, if any. */
  async close(): Promise<void> {
    await this.worker?.close();
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < documents.length; i += this.batchSize) {
      const batch = documents.slice(i, i + this.batchSize);
      const vectors = this.worker ? await this.worker.embed(batch) : await (await loadUseLiteModel()).embed(batch);
      out.push(...vectors.map(normalize));
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    const key = text.trim().toLowerCase();
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const vector = this.batchWindowMs > 0 ? await this.enqueue(text) : ((await this.embedDocuments([text]))[0] as number[]);
    this.cache.set(key, vector);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    return vector;
  }

  /** Micro-batching: queries arriving within `batchWindowMs` of each other share one model call. */
  private enqueue(text: string): Promise<number[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ text, resolve, reject });
      if (this.queue.length >= this.batchSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.batchWindowMs);
    });
  }

  /**
   * Sends the queued queries as one batch. While a batch is being embedded, new queries keep queueing and go as
   * the next batch when it returns: under load batches grow by themselves, at low load nothing waits.
   */
  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.busy) return;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.busy = true;
    this.embedDocuments(batch.map((p) => p.text))
      .then(
        (vectors) => batch.forEach((p, i) => p.resolve(vectors[i] as number[])),
        (error: unknown) => batch.forEach((p) => p.reject(error)),
      )
      .finally(() => {
        this.busy = false;
        if (this.queue.length > 0) this.flush();
      });
  }
}

