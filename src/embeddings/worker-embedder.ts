import { Worker } from 'node:worker_threads';

interface Waiting {
  resolve: (vectors: number[][]) => void;
  reject: (error: Error) => void;
}

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
    if (fromSource) {
      // Source mode (tsx, vitest): register tsx's loader inside the worker, then load the TypeScript file.
      const file = new URL('./embed-worker.ts', import.meta.url).href;
      const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file)}); })`;
      this.worker = new Worker(boot, { eval: true });
    } else {
      this.worker = new Worker(new URL('./embed-worker.mjs', import.meta.url));
    }
    // The worker must never keep the process alive on its own (the server decides when to exit).
    this.worker.unref();
    this.worker.on('message', (msg: { id: number; flat?: Float32Array; count?: number; error?: string }) => {
      const w = this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id);
      if (msg.error !== undefined || !msg.flat || msg.count === undefined) {
        w.reject(new Error(`embedding worker: ${msg.error ?? 'empty reply'}`));
        return;
      }
      const dims = msg.count === 0 ? 0 : msg.flat.length / msg.count;
      w.resolve(Array.from({ length: msg.count }, (_, i) => Array.from(msg.flat!.subarray(i * dims, (i + 1) * dims))));
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
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, texts });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
