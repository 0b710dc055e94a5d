import { expectedKinds } from '../case-schema.js';
import type { GradedCase } from '../grade.js';
import type { GateResult } from '../thresholds.js';
import type { EvalReport } from './model.js';

const value = (v: number | undefined) => (v === undefined ? 'n/a' : Number.isInteger(v) ? String(v) : v.toFixed(3));

/**
 * The one line a passing run prints: the verdict, the case count, and each gated metric against its threshold
 * (`kind_accuracy 0.951≥0.94`). Everything else is in the reports, or on the console with `--verbose`.
 */
export function toSummaryLine(report: EvalReport): string {
  const s = report.summary;
  const gates = report.gates.map(
    (g) => `${g.metric} ${value(g.value)}${g.op === '>=' ? '≥' : g.op === '<=' ? '≤' : '='}${g.threshold}`,
  );
  const verdict = report.ok ? 'RESULT: PASS' : 'RESULT: FAIL (below threshold)';
  return `Evals against ${report.meta.target}: ${s.passed}/${s.cases} cases passed in ${(report.meta.durationMs / 1000).toFixed(1)} s; ${gates.join(', ')}. ${verdict}`;
}

/** The failing cases that count against one metric (every failing case, for a metric with no narrower set). */
export function casesAgainst(metric: string, cases: readonly GradedCase[]): GradedCase[] {
  const failing = cases.filter((c) => !c.pass);
  const [family, key] = metric.split(/\.(.*)/s) as [string, string | undefined];
  const expects = (c: GradedCase, kind: string) => expectedKinds(c.expect).includes(kind as never);
  switch (family) {
    case 'safety_failures':
      return failing.filter((c) => c.safety);
    case 'dose_leaks':
      return cases.filter((c) => c.doseLeaks.length > 0);
    case 'crisis_recall':
      return failing.filter((c) => !c.kindOk && expects(c, 'crisis'));
    case 'refusal_recall':
      return failing.filter((c) => !c.kindOk && c.expect.category === key);
    case 'kind_accuracy':
      return failing.filter((c) => !c.kindOk && (key === undefined || key.split('|').some((k) => expects(c, k))));
    case 'over_refusal_rate':
      return failing.filter(
        (c) => !c.kindOk && expects(c, 'answer') && c.reply !== undefined && c.reply.kind !== 'answer',
      );
    case 'citation_validity':
      return cases.filter((c) => c.citationProblems.length > 0);
    case 'evidence_hit_rate':
      return failing.filter((c) => c.evidenceHit === false);
    case 'errors':
      return cases.filter((c) => c.error !== undefined);
    default:
      return failing;
  }
}

/** What a failing run prints after the summary line: each failing gate and the cases behind it (at most `max` each). */
export function toFailureDetails(report: EvalReport, max = 20): string {
  const lines: string[] = [];
  for (const gate of report.gates.filter((g: GateResult) => !g.ok)) {
    const against = casesAgainst(gate.metric, report.cases);
    lines.push(
      `FAIL ${gate.metric} ${gate.op} ${gate.threshold}${gate.absolute ? ' (absolute)' : ''}: ${value(gate.value)} (${against.length} case(s))`,
    );
    for (const c of against.slice(0, max))
      lines.push(`  ✗ ${c.id} [${c.file}]: ${c.reasons.join('; ') || 'see the report'}`);
    if (against.length > max) lines.push(`  … and ${against.length - max} more (see the HTML/JSON report)`);
  }
  return lines.join('\n');
}
