import { execFileSync } from 'node:child_process';
import { getConfig } from '../src/config/env.js';
import { loadCorpusData } from '../src/corpus/corpus.js';
import { UseLiteEmbeddings } from '../src/embeddings/use-lite.js';
import { ensureIndex } from '../src/index/load.js';
import { createLogger } from '../src/logger.js';
import { cachedUseLiteModel } from './helpers/cached-use-lite.js';

/**
 * Runs once before all test files: makes sure the index in INDEX_DIR is built and current, so test workers only
 * load it (building it in several workers at once would race), and bundles the entry points into .build/ (what
 * `npm start`, `npm run ask` and `npm run chat` run) once, so the server and CLI tests spawn the bundles without
 * each rebuilding them (two files rebuilding at once raced on the same output files; ~0.2 s each).
 */
export default async function setup(): Promise<void> {
  // --if-stale: `npm test` runs this twice (test/prepare.ts, then vitest's global setup); the second finds the bundle
  // newer than every file under src/ and skips loading esbuild.
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
  const config = getConfig();
  const data = await loadCorpusData(config.CORPUS_DIR, undefined, config.ACCEPTED_QUESTIONS_FILE);
  // The real model behind the same per-text disk memo as test/index/build.test.ts ('index-build'): that file's
  // one-article build then finds its vectors here instead of embedding them again (~650 texts on a fresh clone),
  // and a rebuild after an edit to one article embeds only the texts that changed. The vectors are the model's own.
  const model = cachedUseLiteModel('index-build');
  await ensureIndex({
    indexDir: config.INDEX_DIR,
    corpusDir: config.CORPUS_DIR,
    data,
    embeddings: new UseLiteEmbeddings({ model }),
    logger: createLogger({ level: 'info', write: (line) => process.stderr.write(`${line}\n`) }),
  });
  model.save();
}
