/**
 * Worker thread that runs USE-lite, so the model's CPU work runs beside the HTTP server's event loop instead of
 * inside it (the machine has 2 cores). Messages: `{ id, texts }` in, `{ id, vectors }` or `{ id, error }` out.
 */
import { parentPort } from 'node:worker_threads';
import { loadUseLiteModel } from './use-lite-model.js';

if (!parentPort) throw new Error('embed-worker must run in a worker thread');
const port = parentPort;

port.on('message', async (msg: { id: number; texts: string[] }) => {
  try {
    const model = await loadUseLiteModel();
    const vectors = await model.embed(msg.texts);
    const flat = new Float32Array(vectors.length * (vectors[0]?.length ?? 0));
    vectors.forEach((v, i) => flat.set(v, i * v.length));
    port.postMessage({ id: msg.id, flat, count: vectors.length }, [flat.buffer]);
  } catch (error) {
    port.postMessage({ id: msg.id, error: error instanceof Error ? error.message : String(error) });
  }
});
