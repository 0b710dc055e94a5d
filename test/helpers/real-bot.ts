import { createBot, type LoadedBot } from '../../src/chat/create-bot.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { cachedUseLiteModel } from './cached-use-lite.js';

let bot: Promise<LoadedBot> | undefined;

/**
 * The real bot (real corpus, index, safety policy and output guard), loaded once per test worker.
 * The index is built by test/global-setup.ts before any worker starts. Its embeddings are the real USE-lite class
 * over the real model, with the model's vectors memoised on disk per exact text (test/helpers/cached-use-lite.ts).
 */
export function getRealBot(): Promise<LoadedBot> {
  bot ??= createBot({ embeddings: new UseLiteEmbeddings({ model: cachedUseLiteModel('real-bot') }) });
  return bot;
}
