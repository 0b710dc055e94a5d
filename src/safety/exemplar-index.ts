import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Embeddings } from '@langchain/core/embeddings';
import { z } from 'zod';
import type { Logger } from '../core/logger.js';
import { dot, normalize } from '../core/vector.js';
import type { PolicyLabel } from './policy-file.js';

export interface IndexedExemplar {
  id: string;
  label: PolicyLabel;
  vector: number[];
}

/** Per-label similarity of a query: the mean of its `k` nearest exemplars of that label. */
export interface NeighbourScores {
  /** Best label and its score. */
  label: PolicyLabel;
  score: number;
  /** Score of the best label minus the runner-up label's. */
  margin: number;
  /** Id of the single nearest exemplar of the best label (for logs). */
  exemplarId: string;
  /** Score per label. */
  byLabel: Map<PolicyLabel, number>;
}

const CacheSchema = z.object({
  key: z.string(),
  dimensions: z.number().int().positive(),
  ids: z.array(z.string()),
  /** Float32 little-endian vectors, concatenated, base64. */
  vectors: z.string(),
});

/** Options for {@link buildExemplarIndex}. */
export interface ExemplarIndexOptions {
  embeddings: Embeddings;
  /** Identifies the embedding model in the cache key. */
  modelId: string;
  /** Extra text hashed into the key: the policy file content and normaliser version. */
  keySource: string;
  /** Folder for the vector cache; no caching when unset. */
  cacheDir?: string;
  logger: Logger;
}

/** Embeds exemplar texts, or reads their vectors from the cache when the policy file and model are unchanged. */
export async function buildExemplarIndex(
  exemplars: { id: string; label: PolicyLabel; text: string }[],
  options: ExemplarIndexOptions,
): Promise<{ exemplars: IndexedExemplar[]; embedded: number }> {
  const key = createHash('sha256').update(options.modelId).update('\0').update(options.keySource).digest('hex');
  const file = options.cacheDir ? join(options.cacheDir, 'safety-exemplars.json') : undefined;
  const cached = file ? readCache(file, key, exemplars.map((e) => e.id), options.logger) : undefined;
  if (cached) return { exemplars: exemplars.map((e, i) => ({ id: e.id, label: e.label, vector: cached[i] as number[] })), embedded: 0 };

  const vectors = (await options.embeddings.embedDocuments(exemplars.map((e) => e.text))).map(normalize);
  if (file && options.cacheDir) writeCache(options.cacheDir, file, key, exemplars.map((e) => e.id), vectors, options.logger);
  return { exemplars: exemplars.map((e, i) => ({ id: e.id, label: e.label, vector: vectors[i] as number[] })), embedded: exemplars.length };
}

function readCache(file: string, key: string, ids: string[], logger: Logger): number[][] | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // first run: nothing cached yet
  }
  try {
    const cache = CacheSchema.parse(JSON.parse(text));
    if (cache.key !== key || cache.ids.join('\n') !== ids.join('\n')) return undefined;
    const bytes = Buffer.from(cache.vectors, 'base64');
    if (bytes.length !== ids.length * cache.dimensions * 4) throw new Error('vector data has the wrong length');
    const floats = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    const out: number[][] = [];
    for (let i = 0; i < ids.length; i++) out.push(Array.from(floats.subarray(i * cache.dimensions, (i + 1) * cache.dimensions)));
    if (out.some((v) => v.some((x) => !Number.isFinite(x)))) throw new Error('vector data is not finite');
    return out;
  } catch (error) {
    // A corrupt cache only costs a re-embed: warn and carry on.
    logger.warn('safety_cache_invalid', { file, reason: (error as Error).message });
    return undefined;
  }
}

function writeCache(dir: string, file: string, key: string, ids: string[], vectors: number[][], logger: Logger): void {
  try {
    mkdirSync(dir, { recursive: true });
    const dimensions = vectors[0]?.length ?? 0;
    const floats = new Float32Array(ids.length * dimensions);
    vectors.forEach((v, i) => floats.set(v, i * dimensions));
    const body = JSON.stringify({ key, dimensions, ids, vectors: Buffer.from(floats.buffer).toString('base64') });
    // Write then rename, so a crash mid-write never leaves a half file for the next start.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, body);
    renameSync(tmp, file);
  } catch (error) {
    logger.warn('safety_cache_write_failed', { file, reason: (error as Error).message });
  }
}

/** Scores a query vector against every exemplar: mean of the k best similarities per label. */
export function scoreNeighbours(query: number[], exemplars: IndexedExemplar[], k: number, labels?: PolicyLabel[]): NeighbourScores {
  const perLabel = new Map<PolicyLabel, { sims: number[]; bestId: string; best: number }>();
  for (const ex of exemplars) {
    if (labels && !labels.includes(ex.label)) continue;
    const sim = dot(query, ex.vector);
    const entry = perLabel.get(ex.label) ?? { sims: [], bestId: ex.id, best: -Infinity };
    entry.sims.push(sim);
    if (sim > entry.best) Object.assign(entry, { best: sim, bestId: ex.id });
    perLabel.set(ex.label, entry);
  }
  const byLabel = new Map<PolicyLabel, number>();
  for (const [label, entry] of perLabel) {
    const top = entry.sims.sort((a, b) => b - a).slice(0, k);
    byLabel.set(label, top.reduce((s, x) => s + x, 0) / top.length);
  }
  const ranked = [...byLabel.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first) return { label: 'general', score: 0, margin: 0, exemplarId: '', byLabel };
  return {
    label: first[0],
    score: first[1],
    margin: first[1] - (second?.[1] ?? 0),
    exemplarId: perLabel.get(first[0])?.bestId ?? '',
    byLabel,
  };
}
