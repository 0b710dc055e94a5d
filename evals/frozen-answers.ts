/**
 * `npm run eval:frozen` — measures the bot on the frozen answer set(s) `evals/frozen/answers-*.yaml`: right-unit
 * rate, false no_answer, misfires, no_answer precision/recall, follow-ups, per style and per article; with several
 * files, also the headline figures of each file (each set is its own measure: set b was written later, unseen).
 * A measurement, not a gate: exits 0, or 2 when a case file is invalid or the run cannot start.
 *   tsx evals/frozen-answers.ts [--file PATH]... [--json] [--verbose]
 */
import { parseArgs } from 'node:util';
import { loadCorpusTexts } from './lib/corpus-text.js';
import { gradeCase } from './lib/grade.js';
import { CaseFileError } from './lib/load-cases.js';
import { runCases } from './lib/run.js';
import { inProcessTarget } from './lib/targets.js';
import { computeFigures } from './lib/frozen/figures.js';
import { listFrozenAnswerFiles, loadFrozenCases } from './lib/frozen/load.js';
import { formatFigures, formatMisses, formatRate } from './lib/frozen/report.js';
import type { GradedCase } from './lib/grade.js';

const USAGE = `Usage: npm run eval:frozen -- [--file PATH]... [--json] [--verbose]

  --file PATH   a frozen answer set (repeatable; default every evals/frozen/answers-*.yaml)
  --json        print the figures as JSON
  --verbose     also list every miss (question, expected fragment, what came back)
  --help        this text`;

async function main(argv: string[]): Promise<number> {
  let values: { file?: string[]; json?: boolean; verbose?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        file: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const files = values.file ?? (await listFrozenAnswerFiles());
  let cases: Awaited<ReturnType<typeof loadFrozenCases>>;
  try {
    cases = await loadFrozenCases(files);
  } catch (error) {
    if (!(error instanceof CaseFileError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const corpus = await loadCorpusTexts('corpus');
  // Imported lazily so --help and invalid files never load the model and index.
  const { createBot } = await import('../src/chat/create-bot.js');
  const target = inProcessTarget(await createBot());
  const runs = await runCases(cases, target, {
    // In-process the bot is CPU-bound: one case at a time, as `npm run eval` does. No early abort: every case counts.
    concurrency: 1,
    maxConsecutiveErrors: Number.POSITIVE_INFINITY,
    onCase: (_run, done, total) => {
      if (done % 50 === 0 || done === total) process.stderr.write(`  ${done}/${total} cases run\n`);
    },
  });
  const graded = runs.map((run) => gradeCase(run, corpus));
  const articleIds = [...(corpus?.keys() ?? [])];
  const figures = computeFigures(graded, articleIds);
  const perFile = figuresPerFile(graded, articleIds);
  if (values.json)
    process.stdout.write(`${JSON.stringify({ files, ...figures, ...(perFile ? { perFile } : {}) }, null, 2)}\n`);
  else {
    process.stdout.write(`${formatFigures(figures, files)}\n`);
    if (perFile) process.stdout.write(`\n${formatPerFile(perFile)}\n`);
  }
  if (values.verbose) process.stdout.write(`\n${formatMisses(graded)}\n`);
  return 0;
}

type Figures = ReturnType<typeof computeFigures>;

/** The figures of each file on its own, or undefined when the cases come from one file (nothing to split). */
function figuresPerFile(graded: GradedCase[], articleIds: string[]): Record<string, Figures> | undefined {
  const byFile = new Map<string, GradedCase[]>();
  for (const g of graded) byFile.set(g.file, [...(byFile.get(g.file) ?? []), g]);
  if (byFile.size < 2) return undefined;
  return Object.fromEntries([...byFile].map(([file, cases]) => [file, computeFigures(cases, articleIds)]));
}

function formatPerFile(perFile: Record<string, Figures>): string {
  const lines = ['Per file (the overall figures above pool them):'];
  for (const [file, f] of Object.entries(perFile)) {
    lines.push(
      `  ${file} (${f.cases} cases)`,
      `    right-unit rate (answerable):  ${formatRate(f.answerable.rightUnit, true)}`,
      `    false no_answer / misfires:    ${formatRate(f.answerable.falseNoAnswer)} / ${formatRate(f.answerable.misfire)}`,
      `    follow-up right-unit rate:     ${formatRate(f.followUp.rightUnit, true)}`,
      `    no_answer precision / recall:  ${formatRate(f.noAnswer.precision)} / ${formatRate(f.noAnswer.recall)}`,
    );
  }
  return lines.join('\n');
}

try {
  // The in-process bot may keep handles (model, timers) open; the run is over, so exit with its verdict.
  process.exit(await main(process.argv.slice(2)));
} catch (error) {
  process.stderr.write(`Frozen eval failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(2);
}
