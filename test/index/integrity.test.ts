/**
 * Issue 9, defect 7: a tampered index file must be detected at load and rebuilt (one log line saying why), and the
 * rebuilt index must rank exactly like a fresh one. Hash embeddings: what is tested is the folder, not the model.
 */
import { readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadCorpusData, type CorpusData } from '../../src/corpus/corpus.js';
import { buildIndex } from '../../src/index/build.js';
import { MANIFEST_FILE, type LoadedIndex } from '../../src/index/files.js';
import { ensureIndex } from '../../src/index/load.js';
import { sha256 } from '../../src/index/manifest.js';
import { HashEmbeddings } from '../doubles/hash-embeddings.js';
import { copyCorpus, recordingLogger } from './helpers.js';

const embeddings = new HashEmbeddings();
let corpusDir: string;
let indexDir: string;
let data: CorpusData;
let fresh: LoadedIndex;

beforeEach(async () => {
  corpusDir = await copyCorpus(['ketamine-treatment-resistant-depression']);
  indexDir = join(dirname(corpusDir), 'index');
  data = await loadCorpusData(corpusDir);
  fresh = await buildIndex(indexDir, corpusDir, data, embeddings);
});

/** Overwrites the float32 bytes of vector `label` inside hnswlib.index with NaN, keeping the file's size. */
async function poisonVector(label: number): Promise<void> {
  const file = join(indexDir, 'hnswlib.index');
  const bytes = await readFile(file);
  const vector = Buffer.from(new Float32Array(fresh.store.index.getPoint(label)).buffer);
  const at = bytes.indexOf(vector);
  expect(at).toBeGreaterThan(0);
  Buffer.from(new Float32Array(embeddings.dimensions).fill(Number.NaN).buffer).copy(bytes, at);
  await writeFile(file, bytes);
}

/** Rewrites the manifest's record of `name` to match the file as it is now (a tamperer who knows the format). */
async function rerecord(name: string): Promise<void> {
  const manifest = JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), 'utf8'));
  const bytes = await readFile(join(indexDir, name));
  manifest.files[name] = { bytes: bytes.byteLength, sha256: sha256(bytes) };
  await writeFile(join(indexDir, MANIFEST_FILE), JSON.stringify(manifest));
}

/** ensureIndex rebuilds once with a reason matching `reason`; the result ranks exactly like the fresh build. */
async function expectRebuiltAndRight(reason: RegExp): Promise<void> {
  const logger = recordingLogger();
  const { index, rebuilt } = await ensureIndex({ indexDir, corpusDir, data, embeddings, logger });
  expect(rebuilt).toBe(true);
  const lines = logger.events('index_rebuild');
  expect(lines).toHaveLength(1);
  expect(String(lines[0]?.reason)).toMatch(reason);
  expect(index.texts).toEqual(fresh.texts);
  for (const [text, vector] of fresh.textVectors) expect(index.textVectors.get(text)).toEqual(vector);
  const query = fresh.textVectors.get(fresh.texts[3] as string) as number[];
  expect(index.store.index.searchKnn(query, 5)).toEqual(fresh.store.index.searchKnn(query, 5));
  // And the rebuilt folder loads cleanly afterwards.
  const again = await ensureIndex({ indexDir, corpusDir, data, embeddings, logger: recordingLogger() });
  expect(again.rebuilt).toBe(false);
}

describe('index integrity at load', () => {
  it('records size and sha256 of every index file in the manifest', async () => {
    const manifest = JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), 'utf8'));
    expect(Object.keys(manifest.files).sort()).toEqual(['args.json', 'docstore.json', 'hnswlib.index']);
    const args = await readFile(join(indexDir, 'args.json'));
    expect(manifest.files['args.json']).toEqual({ bytes: args.byteLength, sha256: sha256(args) });
  });

  it.each([
    ['args.json names another space', '{"space":"l2","numDimensions":64}', /args\.json (is|checksum)/],
    ['args.json names other dimensions', '{"space":"cosine","numDimensions":63}', /args\.json (is|checksum)/],
  ])('rebuilds when %s', async (_what, text, reason) => {
    await writeFile(join(indexDir, 'args.json'), text);
    await expectRebuiltAndRight(reason);
  });

  it.each([
    ['another space', '{"space":"ip","numDimensions":64}'],
    ['other dimensions', '{"space":"cosine","numDimensions":512}'],
  ])('rebuilds when args.json names %s even if the manifest was rewritten to match', async (_what, text) => {
    await writeFile(join(indexDir, 'args.json'), text);
    await rerecord('args.json');
    await expectRebuiltAndRight(/args\.json does not say cosine space of 64 dimensions/);
  });

  it('rebuilds when a vector in the HNSW file is NaN', async () => {
    await poisonVector(2);
    await expectRebuiltAndRight(/hnswlib\.index checksum differs/);
  });

  it('rebuilds when a vector is NaN even if the manifest was rewritten to match', async () => {
    await poisonVector(2);
    await rerecord('hnswlib.index');
    await expectRebuiltAndRight(/vector 2 is not a finite unit vector/);
  });

  it('rebuilds when the HNSW file is truncated', async () => {
    await truncate(join(indexDir, 'hnswlib.index'), 4096);
    await expectRebuiltAndRight(/hnswlib\.index is 4096 bytes/);
  });

  it('rebuilds when an index file is missing', async () => {
    await rm(join(indexDir, 'docstore.json'));
    await expectRebuiltAndRight(/missing file docstore\.json/);
  });

  it('does not rebuild for the safety policy cache kept in the same folder', async () => {
    await writeFile(join(indexDir, 'safety-exemplars.json'), '{}');
    await writeFile(join(indexDir, 'safety-exemplars.json.123.tmp'), '{');
    const logger = recordingLogger();
    expect((await ensureIndex({ indexDir, corpusDir, data, embeddings, logger })).rebuilt).toBe(false);
    expect(logger.events('index_rebuild')).toEqual([]);
  });

  it('rebuilds when the folder holds an extra file (a leftover of format 1)', async () => {
    await writeFile(join(indexDir, 'text-vectors.f32'), Buffer.alloc(256));
    await expectRebuiltAndRight(/unexpected file text-vectors\.f32/);
  });
});
