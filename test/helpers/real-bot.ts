import { createBot, type LoadedBot } from '../../src/chat/create-bot.js';

let bot: Promise<LoadedBot> | undefined;

/**
 * The real bot (real corpus, index, safety policy and output guard), loaded once per test worker.
 * The index is built by test/global-setup.ts before any worker starts.
 */
export function getRealBot(): Promise<LoadedBot> {
  bot ??= createBot();
  return bot;
}
