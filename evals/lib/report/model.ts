import type { GradedCase } from '../grade.js';
import type { EvalSummary } from '../metrics.js';
import type { GateResult } from '../thresholds.js';
import type { Baseline } from './compare.js';

/** Everything one run produced; written as `reports/eval.json` and rendered into the other formats. */
export interface EvalReport {
  meta: {
    startedAt: string;
    durationMs: number;
    /** "in-process" or the base URL. */
    target: string;
    /** The cases path and filters used. */
    casesPath: string;
    tags: string[];
    mutate: boolean;
    seed: number;
    /** Whether citation quotes were checked against corpus/*.md. */
    quotesChecked: boolean;
  };
  summary: EvalSummary;
  metrics: Record<string, number>;
  gates: GateResult[];
  /** All gates passed. */
  ok: boolean;
  cases: GradedCase[];
}

/** The part of a report committed as `evals/baseline.json`. */
export function toBaseline(report: EvalReport): Baseline {
  return {
    generatedAt: report.meta.startedAt,
    target: report.meta.target,
    metrics: report.metrics,
    cases: Object.fromEntries(report.cases.map((g) => [g.id, g.pass])),
  };
}
