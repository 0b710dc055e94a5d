import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { RawEmbedder } from '../../src/embeddings/checked-batch.js';
import { loadUseLiteModel, USE_LITE_MODEL_ID } from '../../src/embeddings/use-lite.js';
import { fromProjectRoot } from '../../src/paths.js';
import { registerVectorCache } from './vector-caches.js';

/**
 * The installed weights package's version is part of the cache key as well as the model id the source names: an
 * upgraded package without a new id in src/ still invalidates every cached vector.
 */
const WEIGHTS_VERSION = (
  JSON.parse(
    readFileSync(fromProjectRoot('node_modules', '@energetic-ai', 'model-embeddings-en', 'package.json'), 'utf8'),
  ) as { version: string }
).version;
const MODEL_KEY = `${USE_LITE_MODEL_ID} / weights ${WEIGHTS_VERSION}`;

/** Beside the safety trainer's vector cache (node_modules/.cache is ignored; deleting it only costs time). */
const CACHE_DIR = fromProjectRoot('node_modules', '.cache', 'ketamine-test-vectors');

const CacheSchema = z.object({ model: z.string(), vectors: z.record(z.string(), z.array(z.number())) });
const key = (text: string) => createHash('sha256').update(text).digest('hex');

/** The real USE-lite model with a disk memo of its raw vectors; inject it as `UseLiteEmbeddings({ model })`. */
export interface CachedUseLiteModel extends RawEmbedder {
  /**
   * Merges the vectors learnt since the last save into the file (written atomically: a reader never sees half a
   * file). test/setup-vector-caches.ts calls it after every test file.
   */
  save(): void;
}

/**
 * The real USE-lite model, memoised on disk under `name`. Stale-checked: a vector is reused only for the exact same
 * text (keyed by its SHA-256) and the same model id and weights version; anything else is embedded by the model. Vectors are stored unrounded (JSON round-trips
 * doubles exactly), so a cached run sees the very numbers the model returned. Tests that run thousands of prompts
 * through the real policy (labelled sets) pay the ~30 ms per text once per checkout, not on every `npm test`. Texts
 * no test asks for any more stay in the file; deleting node_modules/.cache/ketamine-test-vectors resets it.
 *
 * @param dir where the cache files live (the helper's own test uses a temporary folder)
 * @param load the model behind the cache (the helper's own test counts its calls)
 */
export function cachedUseLiteModel(
  name: string,
  dir = CACHE_DIR,
  load: () => Promise<RawEmbedder> = loadUseLiteModel,
): CachedUseLiteModel {
  const file = join(dir, `${name}.json`);
  // Read at the first embed, not at creation: the global setup's 'index-build' memo is ~23 MB of JSON, and on a warm
  // run (index current) nothing asks it for a vector.
  let loaded: Record<string, number[]> | undefined;
  let fresh: Record<string, number[]> = {};
  const cache: CachedUseLiteModel = {
    async embed(texts) {
      loaded ??= readVectors(file);
      const vectors = loaded;
      const keys = texts.map(key);
      const missing = texts.filter((_, i) => !vectors[keys[i] as string]);
      if (missing.length) {
        const model = await load();
        const embedded = await model.embed(missing);
        missing.forEach((t, i) => {
          const k = key(t);
          vectors[k] = embedded[i] as number[];
          fresh[k] = vectors[k];
        });
      }
      return keys.map((k) => vectors[k] as number[]);
    },
    save() {
      if (Object.keys(fresh).length === 0) return;
      // Re-read first: the other worker may have added vectors since this one loaded the file. Two saves at the same
      // moment can still lose one's additions; that only costs their recomputation on a later run.
      const merged = { ...readVectors(file), ...fresh };
      fresh = {};
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ model: MODEL_KEY, vectors: merged }));
      renameSync(tmp, file);
    },
  };
  registerVectorCache(cache);
  return cache;
}

/** The cached vectors of the current model; none when the file is missing, unreadable or of another model. */
function readVectors(file: string): Record<string, number[]> {
  if (!existsSync(file)) return {};
  try {
    const parsed = CacheSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success && parsed.data.model === MODEL_KEY ? parsed.data.vectors : {};
  } catch {
    return {}; // a truncated file (disk full, killed run) is just a cold cache
  }
}
