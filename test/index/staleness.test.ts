import { appendFile, cp, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNKER, type ChunkerSettings } from '../../src/corpus/chunk.js';
import { loadCorpusData } from '../../src/corpus/corpus.js';
import { HashEmbeddings } from '../doubles/hash-embeddings.js';
import { buildIndex } from '../../src/index/build.js';
import type { ModelEmbeddings } from '../../src/core/embedder.js';
import { MANIFEST_FILE, STORE_FILES } from '../../src/index/files.js';
import { ensureIndex } from '../../src/index/load.js';
import { copyCorpus, recordingLogger } from './helpers.js';

// What is tested here is the folder and manifest logic, not the model: hash embeddings keep each of the many
// rebuilds at milliseconds (the real model is covered by build.test.ts). One small article, in a temp folder.
const ARTICLE = 'ketamine-treatment-resistant-depression';
const embeddings = new HashEmbeddings();
let corpusDir: string;
let indexDir: string;
/** A folder holding `corpus/` and its current `index/`, built once; each test damages a copy of its own. */
let template: string;

beforeAll(async () => {
  const corpus = await copyCorpus([ARTICLE]);
  template = dirname(corpus);
  await buildIndex(join(template, 'index'), corpus, await loadCorpusData(corpus), embeddings);
});

// Copying the built folder instead of building it again per test (19 tests): the manifest holds content hashes, not
// paths, so the copy is as current as the original — the first test checks exactly that.
beforeEach(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kfb-staleness-'));
  await cp(template, dir, { recursive: true });
  corpusDir = join(dir, 'corpus');
  indexDir = join(dir, 'index');
});

/** Runs ensureIndex as `npm start` would and returns what it logged. */
async function ensure(options: { chunker?: ChunkerSettings; model?: ModelEmbeddings } = {}) {
  const logger = recordingLogger();
  const data = await loadCorpusData(corpusDir, options.chunker);
  const result = await ensureIndex({ indexDir, corpusDir, data, embeddings: options.model ?? embeddings, logger });
  return { ...result, logger, data };
}

/** Exactly one index_rebuild line whose reason matches; afterwards the folder is current. */
async function expectOneRebuild(
  run: Awaited<ReturnType<typeof ensure>>,
  reason: RegExp,
  options: Parameters<typeof ensure>[0] = {},
) {
  expect(run.rebuilt).toBe(true);
  const lines = run.logger.events('index_rebuild');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ level: 'info', dir: indexDir });
  expect(String(lines[0]?.reason)).toMatch(reason);
  expect(run.logger.events('index_built')).toHaveLength(1);
  expect(run.index.manifest.chunks).toBe(run.data.chunks.length);
  const again = await ensure(options);
  expect(again.rebuilt).toBe(false);
  expect(again.logger.events('index_rebuild')).toEqual([]);
}

describe('ensureIndex', () => {
  it('loads without rebuilding when the index is current', async () => {
    const run = await ensure();
    expect(run.rebuilt).toBe(false);
    expect(run.logger.lines).toEqual([]);
  });

  it('rebuilds when the folder is missing', async () => {
    await rm(indexDir, { recursive: true });
    await expectOneRebuild(await ensure(), /index_missing/);
  });

  it('rebuilds when manifest.json is corrupt JSON', async () => {
    await writeFile(join(indexDir, MANIFEST_FILE), '{"formatVersion": 1, "model": ');
    await expectOneRebuild(await ensure(), /index_corrupt: manifest\.json is not valid JSON/);
  });

  it('rebuilds when manifest.json is JSON of the wrong shape', async () => {
    await writeFile(join(indexDir, MANIFEST_FILE), JSON.stringify({ formatVersion: 99, chunks: 'many' }));
    await expectOneRebuild(await ensure(), /index_corrupt: manifest\.json is invalid/);
  });

  it('rebuilds when the docstore is truncated', async () => {
    await truncate(join(indexDir, 'docstore.json'), 1000);
    await expectOneRebuild(await ensure(), /index_corrupt: docstore\.json is 1000 bytes/);
  });

  it('rebuilds when the HNSW file is truncated', async () => {
    await truncate(join(indexDir, 'hnswlib.index'), 100);
    await expectOneRebuild(await ensure(), /index_corrupt/);
  });

  it('rebuilds when an article changes', async () => {
    await appendFile(join(corpusDir, `${ARTICLE}.md`), '\nA sentence added by an editor to test staleness.\n');
    const run = await ensure();
    await expectOneRebuild(run, /index_stale: corpus changed/);
    expect(run.data.chunks.some((c) => c.text.includes('added by an editor'))).toBe(true);
  });

  it('rebuilds when an article is added', async () => {
    await writeFile(
      join(corpusDir, 'new-article.md'),
      '---\nid: new-article\ntitle: New\nsource: new.txt\n---\n\nBrand new text here.\n',
    );
    await expectOneRebuild(await ensure(), /corpus changed/);
  });

  it('rebuilds when the synonyms change', async () => {
    await appendFile(join(corpusDir, 'synonyms.yaml'), '  - id: test-group\n    terms: [wobbly, unsteady]\n');
    await expectOneRebuild(await ensure(), /index_stale: synonyms changed/);
  });

  it('rebuilds when the question bank changes (its questions are embedded)', async () => {
    await appendFile(
      join(corpusDir, 'questions.yaml'),
      '  - doc: ketamine-treatment-resistant-depression\n    anchor: "typically lasting around 40 minutes"\n    questions: [how long is one sitting]\n',
    );
    const run = await ensure();
    await expectOneRebuild(run, /index_stale: question bank changed/);
    expect(run.data.bank.some((q) => q.text === 'how long is one sitting')).toBe(true);
  });

  it('fails the build, naming the entry, when a bank anchor no longer exists in its article', async () => {
    await appendFile(
      join(corpusDir, 'questions.yaml'),
      '  - doc: ketamine-treatment-resistant-depression\n    anchor: "a sentence the editor deleted"\n    questions: [anything]\n',
    );
    await expect(loadCorpusData(corpusDir)).rejects.toThrow(/"a sentence the editor deleted"\): anchor not found/);
  });

  it('rebuilds when the chunker settings change', async () => {
    const chunker = { ...DEFAULT_CHUNKER, maxSentences: 2 };
    await expectOneRebuild(await ensure({ chunker }), /index_stale: chunker settings changed/, { chunker });
  });

  it('rebuilds when the embedding model changes', async () => {
    const model = new HashEmbeddings(32);
    await expectOneRebuild(await ensure({ model }), /index_stale: embedding model changed/, { model });
  });

  it.each([
    [
      'manifest.json is a folder',
      async () => rm(join(indexDir, MANIFEST_FILE)).then(() => mkdir(join(indexDir, MANIFEST_FILE))),
    ],
    [
      'every file is random bytes',
      async () => {
        for (const f of [MANIFEST_FILE, ...STORE_FILES]) {
          await writeFile(join(indexDir, f), Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)));
        }
      },
    ],
    ['args.json is garbage', async () => writeFile(join(indexDir, 'args.json'), 'not json at all')],
    ['docstore.json is not a list of entries', async () => writeFile(join(indexDir, 'docstore.json'), '[1, 2, 3]')],
    [
      'the index path is a plain file',
      async () => rm(indexDir, { recursive: true }).then(() => writeFile(indexDir, 'oops')),
    ],
    ['the folder is empty', async () => rm(indexDir, { recursive: true }).then(() => mkdir(indexDir))],
  ])('never throws on garbage (%s): rebuilds with one log line', async (_what, damage) => {
    await damage();
    await expectOneRebuild(await ensure(), /index_(missing|corrupt)/);
    expect(JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), 'utf8'))).toHaveProperty('chunks');
  });
});
