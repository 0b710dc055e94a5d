import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Bot } from '../../src/core/bot.js';
import { USAGE, UsageError, parseCliArgs } from './args.js';
import { loadCorpusTexts } from './corpus-text.js';
import { gradeCase } from './grade.js';
import { CaseFileError, loadCases, selectCases } from './load-cases.js';
import { flattenMetrics, summarise } from './metrics.js';
import { mutateCases } from './mutate.js';
import { BaselineSchema, compareToBaseline } from './report/compare.js';
import { toConsole } from './report/console.js';
import { toHtml } from './report/html.js';
import { toJUnit } from './report/junit.js';
import { toReviewReport } from './report/review-report.js';
import { toFailureDetails, toSummaryLine } from './report/summary-line.js';
import { toBaseline, type EvalReport } from './report/model.js';
import { RunAbortedError, runCases } from './run.js';
import { httpTarget, inProcessTarget, type EvalTarget } from './targets.js';
import { applyGates, loadThresholds } from './thresholds.js';

/** Exit codes: the contract CI and QA rely on. */
export const EXIT = { pass: 0, belowThreshold: 1, error: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What the CLI needs from outside; tests inject a fake bot and capture output. */
export interface EvalCliDeps {
  /** Builds the bot for in-process runs (default: the real `createBot`). */
  createBot?: () => Promise<Bot>;
  /** Console summary and results. */
  stdout?: (text: string) => void;
  /** Errors and progress. */
  stderr?: (text: string) => void;
  /** Where the summary for the staff review page goes (default: EVAL_REPORT_FILE). */
  reportFile?: string;
}

async function defaultCreateBot(llm: boolean): Promise<Bot> {
  // Imported lazily: HTTP runs and --help must not load the model and index.
  const { createBot } = await import('../../src/chat/create-bot.js');
  const { getConfig } = await import('../../src/config/env.js');
  const config = getConfig();
  if (llm && config.LLM_PROVIDER === 'none')
    throw new UsageError(
      '--llm needs a model: set LLM_PROVIDER (openai, azure or ollama) and its settings (README "Generative answers").',
    );
  // Without --llm the suite measures the extractive answerer, whatever .env says.
  return createBot({ config: llm ? config : { ...config, LLM_PROVIDER: 'none' } });
}

/** Runs the eval suite as the CLI does and returns the exit code (never calls process.exit). */
export async function runEvalCli(argv: string[], deps: EvalCliDeps = {}): Promise<ExitCode> {
  const stdout = deps.stdout ?? ((t: string) => process.stdout.write(`${t}\n`));
  const stderr = deps.stderr ?? ((t: string) => process.stderr.write(`${t}\n`));
  try {
    const options = parseCliArgs(argv);
    if (options.help) {
      stdout(USAGE);
      return EXIT.pass;
    }
    const loaded = selectCases(await loadCases(options.cases), options.tags, options.ids);
    if (loaded.length === 0)
      throw new UsageError(
        `No cases in ${options.cases} match${options.tags.length ? ` tags ${options.tags.join(', ')}` : ''}${options.ids.length ? ` ids ${options.ids.join(', ')}` : ''}.`,
      );
    const cases = options.mutate ? [...loaded, ...mutateCases(loaded, options.seed)] : loaded;
    const thresholds = await loadThresholds(options.thresholds);
    const baseline = options.compare ? await readBaseline(options.compare) : undefined;
    const corpus = await loadCorpusTexts(options.corpus);

    let target: EvalTarget;
    if (options.base && options.llm)
      throw new UsageError('--llm runs the bot in-process; a deployed bot (--base) answers with its own LLM_PROVIDER.');
    if (options.base) target = httpTarget({ base: options.base });
    else target = inProcessTarget(await (deps.createBot ?? (() => defaultCreateBot(options.llm)))());

    const startedAt = new Date();
    const started = performance.now();
    let failing = 0;
    const runs = await runCases(cases, target, {
      concurrency: options.concurrency ?? (options.base ? 4 : 1),
      onCase: (run, done, total) => {
        if (run.error) failing++;
        if (!options.quiet && (done % 50 === 0 || done === total))
          stderr(`  ${done}/${total} cases run${failing ? ` (${failing} errors)` : ''}`);
      },
    });
    const graded = runs.map((run) => gradeCase(run, corpus));
    const summary = summarise(graded, corpus !== undefined);
    const gates = applyGates(summary, thresholds);
    const report: EvalReport = {
      meta: {
        startedAt: startedAt.toISOString(),
        durationMs: performance.now() - started,
        target: target.name,
        casesPath: options.cases,
        tags: options.tags,
        mutate: options.mutate,
        seed: options.seed,
        quotesChecked: corpus !== undefined,
      },
      summary,
      metrics: flattenMetrics(summary) as Record<string, number>,
      gates,
      ok: gates.every((g) => g.ok),
      cases: graded,
    };

    await mkdir(options.out, { recursive: true });
    const files = {
      json: join(options.out, 'eval.json'),
      junit: join(options.out, 'eval.junit.xml'),
      html: join(options.out, 'eval.html'),
    };
    await writeFile(files.json, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(files.junit, toJUnit(graded));
    await writeFile(files.html, toHtml(report));
    const reportFile = deps.reportFile ?? (await import('../../src/config/env.js')).getConfig().EVAL_REPORT_FILE;
    await mkdir(dirname(reportFile), { recursive: true });
    await writeFile(reportFile, `${JSON.stringify(toReviewReport(report), null, 2)}\n`);
    // One line when all is well (npm test ends with it); the full console report with --verbose, and the failing
    // gates with the cases behind them on a real failure.
    if (options.verbose) stdout(toConsole(report));
    else stdout(toSummaryLine(report));
    if (!options.verbose && !report.ok) stdout(toFailureDetails(report));
    if (options.verbose || !report.ok) stdout(`Reports: ${files.html}, ${files.junit}, ${files.json}, ${reportFile}`);
    if (baseline) stdout(compareToBaseline(baseline, toBaseline(report)).join('\n'));
    if (options.writeBaseline) {
      await writeFile(options.writeBaseline, `${JSON.stringify(toBaseline(report), null, 2)}\n`);
      stdout(`Baseline written to ${options.writeBaseline}`);
    }
    if (summary.errors > 0) {
      stderr(`${summary.errors} case(s) could not be run (see the reports): exit 2.`);
      return EXIT.error;
    }
    return report.ok ? EXIT.pass : EXIT.belowThreshold;
  } catch (error) {
    if (error instanceof UsageError) stderr(`${error.message}\n\n${USAGE}`);
    else if (error instanceof CaseFileError || error instanceof RunAbortedError) stderr(error.message);
    else stderr(`Eval runner failed: ${(error as Error).stack ?? String(error)}`);
    return EXIT.error;
  }
}

async function readBaseline(file: string) {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`Baseline ${file} not found (create it with --write-baseline).`);
  });
  const parsed = BaselineSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new CaseFileError(parsed.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`));
  return parsed.data;
}
