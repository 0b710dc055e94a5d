import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { z } from 'zod';
import { IndexError } from '../errors.js';
import { isForeignFile, MANIFEST_FILE, STORE_FILES } from './files.js';
import { sha256, type FileRecord, type Manifest } from './manifest.js';

/** Size and sha256 of every store file in `dir`, for the manifest. */
export async function recordFiles(dir: string): Promise<Record<string, FileRecord>> {
  const records: Record<string, FileRecord> = {};
  for (const name of STORE_FILES) {
    const bytes = await readFile(join(dir, name));
    records[name] = { bytes: bytes.byteLength, sha256: sha256(bytes) };
  }
  return records;
}

const corrupt = (why: string) => new IndexError(why, 'index_corrupt');

/**
 * The folder holds exactly the manifest and the files it records, each of the recorded size and sha256. Catches a
 * tampered args.json, a truncated or NaN-filled vector file, and leftovers, before anything is parsed.
 */
export async function checkFiles(dir: string, manifest: Manifest): Promise<void> {
  const expected = Object.keys(manifest.files).sort();
  if (expected.join() !== [...STORE_FILES].sort().join()) throw corrupt('manifest does not list the index files');
  const present = (await readdir(dir)).filter((f) => f !== MANIFEST_FILE && !isForeignFile(f)).sort();
  const missing = expected.filter((f) => !present.includes(f));
  if (missing.length > 0) throw corrupt(`missing file ${missing.join(', ')}`);
  const extra = present.filter((f) => !expected.includes(f));
  if (extra.length > 0) throw corrupt(`unexpected file ${extra.join(', ')}`);
  for (const name of expected) {
    const record = manifest.files[name] as FileRecord;
    const bytes = await readFile(join(dir, name));
    if (bytes.byteLength !== record.bytes) {
      throw corrupt(`${name} is ${bytes.byteLength} bytes, manifest says ${record.bytes}`);
    }
    if (sha256(bytes) !== record.sha256) throw corrupt(`${name} checksum differs from manifest`);
  }
}

/** args.json as this product writes it: cosine space, the model's dimensions. */
export async function checkArgs(dir: string, dimensions: number): Promise<void> {
  const Args = z.object({ space: z.literal('cosine'), numDimensions: z.literal(dimensions) });
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(dir, 'args.json'), 'utf8'));
  } catch {
    throw corrupt('args.json is unreadable');
  }
  if (!Args.safeParse(json).success) throw corrupt(`args.json does not say cosine space of ${dimensions} dimensions`);
}

/** Unit length within float32 rounding: HNSW's cosine space stores normalised vectors. */
const UNIT_TOLERANCE = 1e-3;

/**
 * Reads every label's text and vector back from the store. Each label 0…n−1 must have a text and a finite unit
 * vector: a NaN vector would silently rank passages wrongly instead of failing.
 */
export function readStore(store: HNSWLib, count: number): { texts: string[]; textVectors: Map<string, number[]> } {
  if (store.index.getCurrentCount() !== count) throw corrupt('vector count differs from manifest');
  if (store.docstore._docs.size !== count) throw corrupt('docstore size differs from manifest');
  const texts: string[] = [];
  const textVectors = new Map<string, number[]>();
  for (let label = 0; label < count; label++) {
    const text = store.docstore._docs.get(String(label))?.pageContent;
    if (typeof text !== 'string' || text === '') throw corrupt(`no text for vector ${label}`);
    const vector = store.index.getPoint(label);
    let norm = 0;
    for (const x of vector) norm += x * x;
    // A zero vector is legitimate (a model can give one for a text it has no features for); NaN never is.
    if (!Number.isFinite(norm) || (norm !== 0 && Math.abs(Math.sqrt(norm) - 1) > UNIT_TOLERANCE)) {
      throw corrupt(`vector ${label} is not a finite unit vector`);
    }
    texts.push(text);
    textVectors.set(text, vector);
  }
  return { texts, textVectors };
}
