/**
 * Worker thread that runs USE-lite, so the model's CPU work runs beside the HTTP server's event loop instead of
 * inside it (the machine has 2 cores). Messages: `{ id, texts }` in, `{ id, flat, count, dims }` or
 * `{ id, error, code }` out. Every batch is checked here (no blank text goes in, one vector per text comes out)
 * and again by the client, so a broken batch can never be matched to the wrong requests.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { embedChecked } from './checked-batch.js';
import { loadUseLiteModel } from './use-lite-model.js';

if (!parentPort) throw new Error('embed-worker must run in a worker thread');
const port = parentPort;

port.on('message', async (msg: { id: number; texts: string[]; memory?: true }) => {
  // The worker's own memory (its V8 heap, and the buffers the model holds), for measuring what holds the RSS.
  if (msg.memory) {
    const { heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    port.postMessage({ id: msg.id, memory: { heapUsed, heapTotal, external, arrayBuffers } });
    return;
  }
  try {
    const vectors = await embedChecked(await loadUseLiteModel(), msg.texts);
    const dims = vectors[0]?.length ?? 0;
    const flat = new Float32Array(vectors.length * dims);
    vectors.forEach((v, i) => {
      flat.set(v, i * dims);
    });
    port.postMessage({ id: msg.id, flat, count: vectors.length, dims }, [flat.buffer]);
  } catch (error) {
    const code = error instanceof AppError ? error.code : undefined;
    port.postMessage({ id: msg.id, error: error instanceof Error ? error.message : String(error), code });
  }
});
