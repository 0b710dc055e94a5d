import { Worker } from 'node:worker_threads';
import { checkBatch } from './checked-batch.js';
import { EmbeddingMismatchError, EmptyTextError } from './errors.js';

/** A reply of embed-worker (see there). */
interface WorkerReply {
  id: number;
  flat?: Float32Array;
  count?: number;
  dims?: number;
  error?: string;
  code?: string;
  memory?: WorkerMemory;
}

/** The worker thread's own heap and buffers, in bytes (`process.memoryUsage()` inside it, without the shared RSS). */
export interface WorkerMemory {
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

interface Waiting {
  texts: string[];
  memory?: (memory: WorkerMemory) => void;
  resolve: (vectors: number[][]) => void;
  reject: (error: Error) => void;
}

/**
 * The worker's V8 young generation, in MB. TF.js allocates a burst of short-lived tensor wrappers per model call, so
 * a worker with V8's default young generation kept ~50 MB more resident: 240 queries in batches of 8 peaked at
 * 326–334 MB RSS by default and 281–283 MB with 2, 4 or 8 MB, no slower (same script, back-to-back, load 12–15).
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * Client of `embed-worker`: one worker thread running USE-lite, requests matched to replies by id. From source
 * (tsx, tests) the worker is the `.ts` file run through tsx; from the `npm start` bundle it is the bundled
 * `.build/embed-worker.mjs` beside `server.mjs`.
 */
export class WorkerEmbedder {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor() {
    const fromSource = import.meta.url.endsWith('.ts');
    const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
    if (fromSource) {
      // Source mode (tsx, vitest): register tsx's loader inside the worker, then load the TypeScript file.
      const file = new URL('./embed-worker.ts', import.meta.url).href;
      const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file)}); })`;
      this.worker = new Worker(boot, { eval: true, resourceLimits });
    } else {
      this.worker = new Worker(new URL('./embed-worker.mjs', import.meta.url), { resourceLimits });
    }
    // The worker must never keep the process alive on its own (the server decides when to exit).
    this.worker.unref();
    this.worker.on('message', (msg: WorkerReply) => {
      const w = this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id);
      if (msg.memory && w.memory) return w.memory(msg.memory);
      try {
        w.resolve(unpack(w.texts, msg));
      } catch (error) {
        w.reject(error as Error);
      }
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`embedding worker exited (${code})`)));
  }

  embed(texts: string[]): Promise<number[][]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { texts, resolve, reject });
      this.worker.postMessage({ id, texts });
    });
  }

  /** The worker's heap and buffers (for memory measurements: `scripts/measure-memory-phases.ts`). */
  memory(): Promise<WorkerMemory> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { texts: [], memory: resolve, resolve: () => undefined, reject });
      this.worker.postMessage({ id, texts: [], memory: true });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * The vectors of one reply, checked against the texts of the request with the same id: one vector per text, all
 * finite, or a typed error (nothing of a mismatched batch is handed out).
 */
function unpack(texts: string[], msg: WorkerReply): number[][] {
  if (msg.code === 'empty_text') throw new EmptyTextError();
  if (msg.error !== undefined) throw new Error(`embedding worker: ${msg.error}`);
  const { flat, count, dims } = msg;
  if (!flat || count === undefined || dims === undefined || flat.length !== count * dims) {
    throw new EmbeddingMismatchError('malformed worker reply');
  }
  const vectors = Array.from({ length: count }, (_, i) => Array.from(flat.subarray(i * dims, (i + 1) * dims)));
  checkBatch(texts, vectors);
  return vectors;
}
