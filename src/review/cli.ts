/** `npm run review`: the staff review in the terminal (see run-cli.ts for the options). */
import { runCli } from '../cli-support.js';
import { createBot } from '../chat/create-bot.js';
import { getConfig } from '../config/env.js';
import { createLogger } from '../logger.js';
import { reviewOptions } from './bot-ports.js';
import { openReviewStorage } from './open-storage.js';
import { runReviewCli, USAGE } from './run-cli.js';
import { ReviewService } from './service.js';

await runCli(async () => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = getConfig();
  // Logs go to stderr: stdout carries the tables or the JSON.
  const logger = createLogger({ level: 'warn', write: (line) => process.stderr.write(`${line}\n`) });
  const storage = await openReviewStorage(config, logger);
  try {
    const bot = await createBot({ config, logger });
    const service = new ReviewService(reviewOptions(bot, config, storage));
    process.exitCode = await runReviewCli(service, argv, process.stdout, process.stderr);
  } finally {
    await storage.close();
  }
});
