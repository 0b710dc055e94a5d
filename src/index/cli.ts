/** `npm run index`: (re)builds the vector index from the corpus, whatever state the index folder is in. */
import { getConfig } from '../config/env.js';
import { loadCorpusData } from '../corpus/corpus.js';
import { UseLiteEmbeddings } from '../embeddings/use-lite.js';
import { runCli } from '../cli-support.js';
import { buildIndex } from './build.js';

await runCli(async () => {
  const config = getConfig();
  const started = performance.now();
  const data = await loadCorpusData(config.CORPUS_DIR, undefined, config.ACCEPTED_QUESTIONS_FILE);
  const index = await buildIndex(config.INDEX_DIR, config.CORPUS_DIR, data, new UseLiteEmbeddings());
  const m = index.manifest;
  console.log(
    `Built ${config.INDEX_DIR}: ${data.articles.length} articles, ${m.chunks} answer units, ${data.bank.length} bank questions, ${m.texts} sentence/heading/question vectors, ` +
      `model ${m.model.id}, embedding ${m.buildMs} ms, total ${Math.round(performance.now() - started)} ms.`,
  );
});
