/**
 * `npm run test:eval`: the eval suite (`evals/cli.ts`, same flags) in the tests' hermetic environment: the index that
 * `test/prepare.ts` built, an in-memory store, and its review-page summary in the temporary folder, never in data/.
 * The bot is the real one (`createBot`, extractive answers as in `evals/cli.ts` without --llm) with the real USE-lite
 * model's vectors memoised on disk per exact text (test/helpers/cached-use-lite.ts), as the vitest files' real bot:
 * the ~300 cases' turns cost ~9 s of model CPU on every `npm test`, beside vitest on the same 2 cores.
 */
import { useHermeticEnv } from './hermetic-env.js';

useHermeticEnv();
const argv = process.argv.slice(2);
if (argv.includes('--llm')) {
  // The generative path uses the settings' provider, exactly as `npm run eval -- --llm` does.
  await import('../evals/cli.js');
} else {
  const { runEvalCli } = await import('../evals/lib/main.js');
  const { createBot } = await import('../src/chat/create-bot.js');
  const { getConfig } = await import('../src/config/env.js');
  const { UseLiteEmbeddings } = await import('../src/embeddings/use-lite.js');
  const { cachedUseLiteModel } = await import('./helpers/cached-use-lite.js');
  const model = cachedUseLiteModel('eval-suite');
  const code = await runEvalCli(argv, {
    createBot: () =>
      createBot({ config: { ...getConfig(), LLM_PROVIDER: 'none' }, embeddings: new UseLiteEmbeddings({ model }) }),
  });
  model.save();
  // The in-process bot may keep handles (model, timers) open; the run is over, so exit with its verdict.
  process.exit(code);
}
