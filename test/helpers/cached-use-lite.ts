import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { RawEmbedder } from '../../src/embeddings/checked-batch.js';
import { loadUseLiteModel, USE_LITE_MODEL_ID } from '../../src/embeddings/use-lite.js';
import { fromProjectRoot } from '../../src/paths.js';

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
  /** Texts the model really embedded in this process (cache misses). */
  readonly misses: number;
  /** Writes the vectors learnt in this process (atomically: workers never read a half-written file). */
  save(): void;
}

/**
 * The real USE-lite model, memoised on disk under `name` (one file per test file, so two workers never race on one
 * file). Stale-checked: a vector is reused only for the exact same text (keyed by its SHA-256) and the same model id
 * and weights version; anything else is embedded by the model. Vectors are stored unrounded (JSON round-trips
 * doubles exactly), so a cached run sees the very numbers the model returned. Tests that run thousands of prompts
 * through the real policy (labelled sets) pay the ~30 ms per text once per checkout, not on every `npm test`.
 */
export function cachedUseLiteModel(name: string, dir = CACHE_DIR): CachedUseLiteModel {
  const file = join(dir, `${name}.json`);
  let vectors: Record<string, number[]> = {};
  if (existsSync(file)) {
    const parsed = CacheSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success && parsed.data.model === MODEL_KEY) vectors = parsed.data.vectors;
  }
  const used: Record<string, number[]> = {};
  let misses = 0;
  return {
    get misses() {
      return misses;
    },
    async embed(texts) {
      const keys = texts.map(key);
      const missing = texts.filter((_, i) => !vectors[keys[i] as string]);
      if (missing.length) {
        const model = await loadUseLiteModel();
        const fresh = await model.embed(missing);
        missing.forEach((t, i) => {
          vectors[key(t)] = fresh[i] as number[];
        });
        misses += missing.length;
      }
      return keys.map((k) => {
        const v = vectors[k] as number[];
        used[k] = v;
        return v;
      });
    },
    save() {
      if (misses === 0) return;
      // Only the vectors this run used: texts dropped from the sets do not pile up in the file.
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ model: MODEL_KEY, vectors: used }));
      renameSync(tmp, file);
    },
  };
}
