import { AppError } from './errors.js';

/**
 * Runs a command-line entry point: expected errors (bad config, bad corpus) print one readable line and exit 1;
 * anything else prints its stack, since it is a bug.
 */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof AppError) console.error(`Error: ${error.message}`);
    else console.error(error);
    process.exitCode = 1;
  }
}
