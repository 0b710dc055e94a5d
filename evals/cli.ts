/**
 * `npm run eval` / `tsx evals/cli.ts`: runs the eval cases and exits 0 (pass), 1 (below threshold) or
 * 2 (runner or case-file error). Options: `--help`, or evals/README.md.
 */
import { runEvalCli } from './lib/main.js';

const code = await runEvalCli(process.argv.slice(2));
// The in-process bot may keep handles (model, timers) open; the run is over, so exit with its verdict.
process.exit(code);
