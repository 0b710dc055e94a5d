import { z } from 'zod';
import type { EvalReport } from './model.js';

/**
 * The summary of the last eval run that the staff review page reads (EVAL_REPORT_FILE): a stable, small shape, so
 * that page never depends on the full `reports/eval.json`.
 */
export const ReviewReportSchema = z.strictObject({
  /** When the run started (ISO 8601). */
  at: z.iso.datetime(),
  result: z.enum(['PASS', 'FAIL']),
  /** Every measured metric, flat (`kind_accuracy.answer`, `retrieval.doc.hit_at_1`, …). */
  metrics: z.record(z.string(), z.number()),
  /** The gate of each gated metric (a `max` bound and a `min` bound are both plain numbers: see thresholds.yaml). */
  thresholds: z.record(z.string(), z.number()),
  /** Cases run (mutated variants included). */
  cases: z.number().int().nonnegative(),
});
export type ReviewReport = z.infer<typeof ReviewReportSchema>;

/** The review-page summary of a run. */
export function toReviewReport(report: EvalReport): ReviewReport {
  return ReviewReportSchema.parse({
    at: report.meta.startedAt,
    result: report.ok ? 'PASS' : 'FAIL',
    metrics: report.metrics,
    thresholds: Object.fromEntries(report.gates.map((g) => [g.metric, g.threshold])),
    cases: report.summary.cases,
  });
}
