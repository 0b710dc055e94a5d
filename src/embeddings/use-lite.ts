import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { loadUseLiteModel, USE_LITE_DIMENSIONS, USE_LITE_MODEL_ID } from './use-lite-model.js';
import { WorkerEmbedder, type WorkerMemory } from './worker-embedder.js';
import { assertEmbeddable, embedChecked, type RawEmbedder } from './checked-batch.js';
import { EmbeddingMismatchError } from './errors.js';
import { normalize } from '../core/vector.js';

export { loadUseLiteModel, USE_LITE_DIMENSIONS, USE_LITE_MODEL_ID };

/** Options for {@link UseLiteEmbeddings}. */
export interface UseLiteEmbeddingsOptions extends EmbeddingsParams {
  /** Texts per model call when embedding documents (bigger batches amortise graph overhead). */
  batchSize?: number;
  /** Query vectors remembered (LRU), by exact text. Repeated questions skip the model entirely. */
  queryCacheSize?: number;
  /**
   * Micro-batching of concurrent queries (default on): while one model call runs, new queries queue and go
   * together as the next call, which halves the per-text cost of USE-lite under load. An idle query never waits
   * for company. `false` makes every query its own model call (the bench's baseline).
   */
  batching?: boolean;
  /**
   * Run the model in a worker thread, so its CPU work runs beside the event loop (the server uses this; tests and
   * scripts run it in-process). The worker loads its own copy of the weights.
   */
  worker?: boolean;
  /** The model run in-process instead of USE-lite (tests inject a misbehaving one); ignored with `worker`. */
  model?: RawEmbedder;
}

interface Pending {
  text: string;
  resolve: (vector: number[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Universal Sentence Encoder lite (512-d) as a LangChain `Embeddings`, so HNSWLib and the safety
 * classifier share one model. Vectors are L2-normalised: cosine similarity is then a dot product.
 *
 * Safety of batches (issue 9, defect 1): a blank text is refused with EmptyTextError before any model call, every
 * batch must give one vector per text (EmbeddingMismatchError otherwise, nothing cached), and queued queries get
 * their vectors by text, never by position in someone else's batch.
 */
export class UseLiteEmbeddings extends Embeddings {
  readonly modelId = USE_LITE_MODEL_ID;
  readonly dimensions = USE_LITE_DIMENSIONS;
  private readonly batchSize: number;
  private readonly cacheSize: number;
  private readonly batching: boolean;
  private readonly cache = new Map<string, number[]>();
  private queue: Pending[] = [];
  private scheduled = false;
  private busy = false;
  private readonly worker: WorkerEmbedder | undefined;
  private readonly model: RawEmbedder | undefined;

  constructor(options: UseLiteEmbeddingsOptions = {}) {
    super(options);
    // 32: measured in the index build, larger batches gain nothing more on USE-lite.
    this.batchSize = options.batchSize ?? 32;
    this.cacheSize = options.queryCacheSize ?? 1000;
    this.batching = options.batching ?? true;
    this.worker = options.worker ? new WorkerEmbedder() : undefined;
    this.model = options.model;
  }

  /** The worker thread's heap and buffers, when the model runs in one (memory measurements). */
  workerMemory(): Promise<WorkerMemory> | undefined {
    return this.worker?.memory();
  }

  /** Stops the worker thread, if any. */
  async close(): Promise<void> {
    await this.worker?.close();
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    // All or nothing: a blank text anywhere fails the call before any model work.
    assertEmbeddable(documents);
    const out: number[][] = [];
    for (let i = 0; i < documents.length; i += this.batchSize) {
      const batch = documents.slice(i, i + this.batchSize);
      const vectors = this.worker
        ? await this.worker.embed(batch)
        : await embedChecked(this.model ?? (await loadUseLiteModel()), batch, this.dimensions);
      out.push(...vectors.map(normalize));
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    assertEmbeddable([text]);
    const hit = this.cached(text);
    if (hit) return hit;
    const vector = this.batching ? await this.enqueue(text) : ((await this.embedDocuments([text]))[0] as number[]);
    this.remember(text, vector);
    return vector;
  }

  /**
   * Several query texts of one turn (the message and the safety policy's readings of it) in ONE model call (issue
   * 11: one embedding call per turn), each cached like {@link embedQuery}: cached texts cost nothing, the rest go
   * together (with micro-batching, in the same queue flush as any concurrent queries). USE-lite's input is sparse
   * (no padding), so a text's vector does not depend on its batch-mates (`scripts/measure-model-calls.ts` checks this).
   */
  async embedQueries(texts: string[]): Promise<number[][]> {
    assertEmbeddable(texts);
    // Queued in the same tick, every miss lands in the same flush: one model call.
    if (this.batching) return Promise.all(texts.map((t) => this.embedQuery(t)));
    // Hits taken first: remembering the misses may evict them from a small cache.
    const vectors = new Map<string, number[]>();
    for (const t of texts) {
      const hit = this.cached(t);
      if (hit) vectors.set(t, hit);
    }
    const missing = [...new Set(texts.filter((t) => !vectors.has(t)))];
    const fresh = missing.length ? await this.embedDocuments(missing) : [];
    missing.forEach((t, i) => {
      vectors.set(t, fresh[i] as number[]);
      this.remember(t, fresh[i] as number[]);
    });
    return texts.map((t) => vectors.get(t) as number[]);
  }

  /** A cached query vector, refreshed as most recently used. Keyed by the exact text: USE-lite is case-sensitive. */
  private cached(text: string): number[] | undefined {
    const hit = this.cache.get(text);
    if (hit) {
      this.cache.delete(text);
      this.cache.set(text, hit);
    }
    return hit;
  }

  private remember(text: string, vector: number[]): void {
    this.cache.set(text, vector);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
  }

  /**
   * Queues a query. When no batch is in flight it goes on the next microtask (callers in the same tick share the
   * call, nobody waits on a timer); otherwise the running batch sends the queue when it returns, so under load
   * batches grow by themselves.
   */
  private enqueue(text: string): Promise<number[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ text, resolve, reject });
      if (this.busy || this.scheduled) return;
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.flush();
      });
    });
  }

  /** Sends the queued queries as one batch; each gets the vector of its own text (or its own error). */
  private flush(): void {
    if (this.busy || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.busy = true;
    this.embedByText(batch.map((p) => p.text))
      .then((byText) => {
        for (const p of batch) {
          const result = byText.get(p.text);
          if (Array.isArray(result)) p.resolve(result);
          else p.reject(result ?? new EmbeddingMismatchError('no vector for a queued query'));
        }
      })
      .finally(() => {
        this.busy = false;
        this.flush();
      });
  }

  /**
   * Vectors of distinct texts, keyed by text. If the batch as a whole fails, each text is retried alone, so one
   * bad text fails only its own request and never takes (or shifts) anyone else's vector.
   */
  private async embedByText(texts: string[]): Promise<Map<string, number[] | Error>> {
    const unique = [...new Set(texts)];
    try {
      const vectors = await this.embedDocuments(unique);
      return new Map(unique.map((t, i) => [t, vectors[i] as number[]]));
    } catch (error) {
      if (unique.length === 1) return new Map([[unique[0] as string, asError(error)]]);
      const results = new Map<string, number[] | Error>();
      for (const t of unique) {
        results.set(t, await this.embedDocuments([t]).then((v) => v[0] as number[], asError));
      }
      return results;
    }
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
