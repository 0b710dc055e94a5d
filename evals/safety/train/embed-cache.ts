import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { fromProjectRoot } from '../../../src/paths.js';

/**
 * USE-lite costs ~30 ms per text on this machine, so the trainer keeps vectors between runs. node_modules/.cache is
 * the usual ignored home for tool caches; deleting it only costs time.
 */
export const EMBED_CACHE_FILE = fromProjectRoot('node_modules', '.cache', 'ketamine-safety', 'use-lite-vectors.json');

const CacheSchema = z.object({ model: z.string(), vectors: z.record(z.string(), z.array(z.number())) });
const key = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** Embeds `texts`, reusing cached vectors of the same model; writes new ones back. */
export async function embedCached(
  texts: string[],
  model: string,
  embed: (batch: string[]) => Promise<number[][]>,
  file = EMBED_CACHE_FILE,
): Promise<number[][]> {
  let vectors: Record<string, number[]> = {};
  if (existsSync(file)) {
    const parsed = CacheSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success && parsed.data.model === model) vectors = parsed.data.vectors;
  }
  const missing = [...new Set(texts.filter((t) => !vectors[key(t)]))];
  // Batches of 64: big enough to amortise the model call, small enough to show progress.
  for (let i = 0; i < missing.length; i += 64) {
    const batch = missing.slice(i, i + 64);
    (await embed(batch)).forEach((v, j) => {
      vectors[key(batch[j] as string)] = v.map((x) => Number(x.toPrecision(7)));
    });
    process.stderr.write(`\rembedded ${Math.min(i + 64, missing.length)}/${missing.length}`);
  }
  if (missing.length) {
    process.stderr.write('\n');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ model, vectors }));
  }
  return texts.map((t) => vectors[key(t)] as number[]);
}
