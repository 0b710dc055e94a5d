import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ChunkerSettings } from '../corpus/chunk.js';

/**
 * Bumped when the files of an index folder change shape. 2: vectors live only in the HNSW file (no
 * texts.json / text-vectors.f32) and the manifest records size and sha256 of every file. 3: passage units and
 * embedded bank questions.
 */
export const INDEX_FORMAT_VERSION = 3;

const FileRecordSchema = z.object({ bytes: z.number().int().nonnegative(), sha256: z.string().length(64) });
export type FileRecord = z.infer<typeof FileRecordSchema>;

/** `manifest.json` of an index folder: what the index was built from, so a stale one is detected. */
export const ManifestSchema = z.object({
  formatVersion: z.literal(INDEX_FORMAT_VERSION),
  model: z.object({ id: z.string(), dimensions: z.number().int().positive() }),
  /** sha256 over corpus/*.md (names and contents). */
  corpusHash: z.string().length(64),
  /** sha256 of the synonyms file. */
  synonymsHash: z.string().length(64),
  /** sha256 of the question bank file (its questions are embedded). */
  bankHash: z.string().length(64),
  chunker: z.object({ maxSentences: z.number(), version: z.number() }),
  chunks: z.number().int().positive(),
  /** Sentences, headings and bank questions with stored vectors. */
  texts: z.number().int().positive(),
  /** Size and sha256 of every other file of the folder, checked at load: a tampered or truncated file is rebuilt. */
  files: z.record(z.string(), FileRecordSchema),
  builtAt: z.string(),
  buildMs: z.number().nonnegative(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** What the index must have been built from to be usable now. */
export interface IndexFingerprint {
  model: { id: string; dimensions: number };
  corpusHash: string;
  synonymsHash: string;
  bankHash: string;
  chunker: ChunkerSettings;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hash of every article file in the corpus folder (names + contents, sorted). */
export async function hashCorpus(corpusDir: string): Promise<string> {
  const files = (await readdir(corpusDir)).filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md').sort();
  const hash = createHash('sha256');
  for (const f of files)
    hash
      .update(`${f}\0`)
      .update(await readFile(join(corpusDir, f)))
      .update('\0');
  return hash.digest('hex');
}

/** Why a manifest does not fit the current inputs, or undefined when it does. */
export function staleReason(manifest: Manifest, expected: IndexFingerprint): string | undefined {
  if (manifest.model.id !== expected.model.id || manifest.model.dimensions !== expected.model.dimensions) {
    return `embedding model changed (${manifest.model.id} → ${expected.model.id})`;
  }
  if (manifest.corpusHash !== expected.corpusHash) return 'corpus changed';
  if (manifest.synonymsHash !== expected.synonymsHash) return 'synonyms changed';
  if (manifest.bankHash !== expected.bankHash) return 'question bank changed';
  const a = manifest.chunker;
  const b = expected.chunker;
  if (a.maxSentences !== b.maxSentences || a.version !== b.version) return 'chunker settings changed';
  return undefined;
}
