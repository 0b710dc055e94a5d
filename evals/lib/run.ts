import type { LoadedCase } from './load-cases.js';
import type { EvalTarget, TurnResult } from './targets.js';

/** A case as run: its turns' replies, or the error that stopped it. */
export interface CaseRun {
  case: LoadedCase;
  turns: TurnResult[];
  /** Set when the target threw (transport failure, bot fault): the case cannot be graded. */
  error?: string;
}

/** Options for {@link runCases}. */
export interface RunOptions {
  /** Cases run at once. In-process the bot is CPU-bound, so 1; over HTTP a few hide network latency. */
  concurrency?: number;
  /** Called after each case (progress output). */
  onCase?: (run: CaseRun, done: number, total: number) => void;
  /**
   * Stop early after this many consecutive errors (an unreachable server should not take 250 timeouts to
   * report). Default 5.
   */
  maxConsecutiveErrors?: number;
}

/** Thrown when the target keeps failing: the run is abandoned (exit code 2). */
export class RunAbortedError extends Error {
  override name = 'RunAbortedError';
}

/** Runs every case against `target` (each in its own conversation) and returns the runs in case order. */
export async function runCases(cases: LoadedCase[], target: EvalTarget, options: RunOptions = {}): Promise<CaseRun[]> {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const maxErrors = options.maxConsecutiveErrors ?? 5;
  const runs: CaseRun[] = new Array<CaseRun>(cases.length);
  let next = 0;
  let done = 0;
  let consecutiveErrors = 0;
  let aborted: string | undefined;

  async function worker(): Promise<void> {
    while (next < cases.length && !aborted) {
      const index = next++;
      const evalCase = cases[index]!;
      let run: CaseRun;
      try {
        run = { case: evalCase, turns: await target.converse(evalCase.turns) };
        consecutiveErrors = 0;
      } catch (error) {
        run = { case: evalCase, turns: [], error: (error as Error).message };
        consecutiveErrors++;
        if (consecutiveErrors >= maxErrors) aborted = run.error;
      }
      runs[index] = run;
      options.onCase?.(run, ++done, cases.length);
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, () => worker()));
  if (aborted) throw new RunAbortedError(`Stopped after ${maxErrors} consecutive errors; last: ${aborted}`);
  return runs;
}
