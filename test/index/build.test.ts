import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNKER } from '../../src/corpus/chunk.js';
import { embeddableTexts, loadCorpusData, type CorpusData } from '../../src/corpus/corpus.js';
import { dot } from '../../src/core/vector.js';
import { USE_LITE_DIMENSIONS, USE_LITE_MODEL_ID, UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { buildIndex } from '../../src/index/build.js';
import { MANIFEST_FILE, STORE_FILES, type LoadedIndex } from '../../src/index/files.js';
import { ensureIndex, fingerprint, loadIndex } from '../../src/index/load.js';
import { hashCorpus, ManifestSchema, sha256 } from '../../src/index/manifest.js';
import { copyCorpus, recordingLogger } from './helpers.js';
import { cachedUseLiteModel } from '../helpers/cached-use-lite.js';

// The real model (what is tested here is that its vectors go into HNSW and come back), on one article of the corpus
// (a fifth of it, so the build costs about a second): built once, only read afterwards, in a temp folder.
const ARTICLE = 'is-ketamine-good-for-depression';
// The real model's vectors, memoised on disk per exact text (test/helpers/cached-use-lite.ts).
const embeddings = new UseLiteEmbeddings({ model: cachedUseLiteModel('index-build') });
let corpusDir: string;
let indexDir: string;
let data: CorpusData;
let built: LoadedIndex;

beforeAll(async () => {
  corpusDir = await copyCorpus([ARTICLE]);
  indexDir = join(dirname(corpusDir), 'index');
  data = await loadCorpusData(corpusDir);
  built = await buildIndex(indexDir, corpusDir, data, embeddings);
});

describe('buildIndex (one article, USE-lite)', () => {
  it('writes a zod-valid manifest with model, dimensions, corpus and synonyms hashes, chunker and counts', async () => {
    const manifest = ManifestSchema.parse(JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), 'utf8')));
    expect(manifest.model).toEqual({ id: USE_LITE_MODEL_ID, dimensions: USE_LITE_DIMENSIONS });
    expect(manifest.corpusHash).toBe(await hashCorpus(corpusDir));
    expect(manifest.synonymsHash).toBe(sha256(await readFile(resolve('corpus/synonyms.yaml'), 'utf8')));
    expect(manifest.chunker).toEqual(DEFAULT_CHUNKER);
    expect(manifest.chunks).toBe(data.chunks.length);
    expect(manifest.bankHash).toBe(sha256(data.bankText));
    expect(data.bankText).toContain(await readFile(join(corpusDir, 'questions.yaml'), 'utf8'));
    expect(manifest.texts).toBe(embeddableTexts(data.chunks, data.bank, data.notCovered).length);
    expect(Number.isNaN(Date.parse(manifest.builtAt))).toBe(false);
    expect(manifest.buildMs).toBeGreaterThan(0);
    expect(manifest).toEqual(built.manifest);
  });

  it('stores one unit vector per sentence and heading, once (only in the HNSW file), and no temp folder', async () => {
    const texts = embeddableTexts(data.chunks, data.bank, data.notCovered);
    expect(built.texts).toEqual(texts);
    expect((await readdir(indexDir)).sort()).toEqual([MANIFEST_FILE, ...STORE_FILES].sort());
    // The HNSW file holds the vectors; nothing else of the folder is large enough to hold a second copy.
    expect((await stat(join(indexDir, 'hnswlib.index'))).size).toBeGreaterThan(texts.length * USE_LITE_DIMENSIONS * 4);
    expect((await stat(join(indexDir, 'docstore.json'))).size).toBeLessThan(texts.length * USE_LITE_DIMENSIONS);
    expect(built.store.index.getCurrentCount()).toBe(texts.length);
    for (const v of built.textVectors.values()) expect(dot(v, v)).toBeCloseTo(1, 4);
    expect((await readdir(dirname(indexDir))).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('loads back with the same vectors, and the nearest neighbour of a sentence is itself', async () => {
    const loaded = await loadIndex(indexDir, await fingerprint(corpusDir, data, embeddings), embeddings);
    expect(loaded.manifest).toEqual(built.manifest);
    const sentence = 'Some people may only need a few infusions, while others may need up to 12 infusions.';
    const vector = loaded.textVectors.get(sentence);
    expect(vector).toBeDefined();
    const original = built.textVectors.get(sentence) as number[];
    expect(Math.max(...(vector as number[]).map((x, i) => Math.abs(x - (original[i] as number))))).toBeLessThan(1e-6);
    const [nearest] = await loaded.store.similaritySearchVectorWithScore(vector as number[], 1);
    expect(nearest?.[0].pageContent).toBe(sentence);
    expect(nearest?.[1]).toBeLessThan(1e-4);
  });

  it('embeds paraphrases near each other (the dense side can work at all)', async () => {
    const [q] = await embeddings.embedDocuments(['How many infusion sessions will I need?']);
    const hits = await built.store.similaritySearchVectorWithScore(q as number[], 10);
    expect(hits.some(([d]) => /infusions/.test(d.pageContent))).toBe(true);
  });

  it('ensureIndex loads a current index without rebuilding or logging a rebuild', async () => {
    const logger = recordingLogger();
    const { index, rebuilt } = await ensureIndex({ indexDir, corpusDir, data, embeddings, logger });
    expect(rebuilt).toBe(false);
    expect(index.manifest.builtAt).toBe(built.manifest.builtAt);
    expect(logger.events('index_rebuild')).toEqual([]);
  });
});
