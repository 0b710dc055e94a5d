import { parseArgs } from 'node:util';
import { z } from 'zod';

export const USAGE = `Usage: npm run eval -- [options]

Runs the eval cases through the bot and gates the result (exit 0 pass, 1 below threshold, 2 runner or case-file error).

  --cases FILE|DIR      case file or folder (default evals/cases)
  --tags a,b            only cases with any of these tags (repeatable)
  --ids a,b             only these case ids (repeatable)
  --base URL            run against a deployed bot's POST /api/ask (default: the bot in-process)
  --concurrency N       cases at once (default 1 in-process, 4 over HTTP)
  --thresholds FILE     gates (default evals/thresholds.yaml)
  --out DIR             where reports go (default reports)
  --compare [FILE]      print the metric diff against a baseline (default evals/baseline.json)
  --write-baseline [FILE]  save this run's metrics as the baseline (default evals/baseline.json)
  --mutate              also run safety cases mutated (typos, casing, role-play, "ignore instructions", padding)
  --seed N              seed for --mutate (default 1)
  --corpus DIR          articles for the verbatim-quote check (default corpus)
  --quiet               no per-case progress
  --llm                 answer through the generative path (needs LLM_PROVIDER and its settings; in-process only)
  --verbose             the full console report (every metric, the confusion table, failing cases) even on a pass
  --help                this text`;

const list = (values: string[] | undefined) =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

export const CliOptionsSchema = z.object({
  cases: z.string().min(1),
  tags: z.array(z.string()),
  ids: z.array(z.string()),
  base: z.url({ error: '--base must be a URL like http://localhost:3978' }).optional(),
  concurrency: z.coerce.number({ error: '--concurrency must be a number' }).int().min(1).max(32).optional(),
  thresholds: z.string().min(1),
  out: z.string().min(1),
  compare: z.string().optional(),
  writeBaseline: z.string().optional(),
  mutate: z.boolean(),
  seed: z.coerce.number({ error: '--seed must be a number' }).int(),
  corpus: z.string().min(1),
  quiet: z.boolean(),
  llm: z.boolean(),
  verbose: z.boolean(),
  help: z.boolean(),
});
export type CliOptions = z.infer<typeof CliOptionsSchema>;

/** A bad command line (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Parses argv. `--compare` and `--write-baseline` take an optional path: a following argument that starts
 * with `--` (or nothing) means the default file.
 */
export function parseCliArgs(argv: string[]): CliOptions {
  const DEFAULT_BASELINE = 'evals/baseline.json';
  const args = [...argv];
  for (const flag of ['--compare', '--write-baseline']) {
    const i = args.indexOf(flag);
    if (i >= 0 && (i === args.length - 1 || args[i + 1]!.startsWith('--'))) args.splice(i + 1, 0, DEFAULT_BASELINE);
  }
  const values = parseFlags(args);
  const parsed = CliOptionsSchema.safeParse({
    ...values,
    tags: list(values.tags),
    ids: list(values.ids),
    writeBaseline: values['write-baseline'],
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

/** Node's own flag parser over the eval CLI's options; a bad flag is a usage error (exit 2). */
function parseFlags(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        cases: { type: 'string', default: 'evals/cases' },
        tags: { type: 'string', multiple: true },
        ids: { type: 'string', multiple: true },
        base: { type: 'string' },
        concurrency: { type: 'string' },
        thresholds: { type: 'string', default: 'evals/thresholds.yaml' },
        out: { type: 'string', default: 'reports' },
        compare: { type: 'string' },
        'write-baseline': { type: 'string' },
        mutate: { type: 'boolean', default: false },
        seed: { type: 'string', default: '1' },
        corpus: { type: 'string', default: 'corpus' },
        quiet: { type: 'boolean', default: false },
        llm: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
