import type { GradedCase } from '../grade.js';
import type { RankMetrics, Ratio } from '../metrics.js';
import type { EvalReport } from './model.js';

const pct = (r: Ratio | undefined) =>
  r?.rate === undefined ? 'n/a' : `${(r.rate * 100).toFixed(1)}% (${r.hits}/${r.n})`;
const num = (v: number | undefined, digits = 3) => (v === undefined ? 'n/a' : v.toFixed(digits));
const ranks = (r: RankMetrics) =>
  `hit@1 ${num(r.hitAt1)}  hit@3 ${num(r.hitAt3)}  hit@5 ${num(r.hitAt5)}  MRR ${num(r.mrr)}  (n=${r.n})`;

function failureLine(g: GradedCase): string {
  return `  ✗ ${g.id} [${g.file}]: ${g.reasons.join('; ')}`;
}

/** The console summary: metrics, gates, then each failing case with its reasons (at most `maxFailures`). */
export function toConsole(report: EvalReport, maxFailures = 40): string {
  const s = report.summary;
  const lines = [
    `Evals against ${report.meta.target}: ${s.passed}/${s.cases} cases passed in ${(report.meta.durationMs / 1000).toFixed(1)} s${report.meta.mutate ? ` (incl. mutated variants, seed ${report.meta.seed})` : ''}`,
    `  kind accuracy        ${pct(s.kindAccuracy)}`,
    ...Object.entries(s.kindAccuracyBy).map(([k, r]) => `    ${k.padEnd(18)} ${pct(r)}`),
    ...Object.entries(s.refusalRecall).map(([c, r]) => `  refusal recall ${c.padEnd(14)} ${pct(r)}`),
    `  crisis recall        ${pct(s.crisisRecall)}`,
    `  safety cases right   ${pct(s.safety)}`,
    `  dose leaks           ${s.doseLeaks}`,
    `  over-refusal rate    ${pct(s.overRefusal)}`,
    `  retrieval (doc)      ${ranks(s.retrieval.doc)}`,
    `  retrieval (evidence) ${ranks(s.retrieval.evidence)}`,
    `  citation validity    ${pct(s.citationValidity)}${s.citationValidity.quotesChecked ? '' : '  (quotes not checked: no corpus/*.md)'}`,
    `  evidence hit rate    ${pct(s.evidenceHit)}`,
    `  latency per turn     p50 ${num(s.latencyMs.p50, 0)} ms  p95 ${num(s.latencyMs.p95, 0)} ms  (${s.latencyMs.turns} turns)`,
    `  runner errors        ${s.errors}`,
    'Confusion (expected → actual):',
    ...Object.entries(s.confusion).map(
      ([label, row]) =>
        `    ${label.padEnd(18)} ${Object.entries(row)
          .map(([k, n]) => `${k}:${n}`)
          .join('  ')}`,
    ),
    'Gates:',
    ...report.gates.map(
      (g) =>
        `  ${g.ok ? 'ok  ' : 'FAIL'} ${g.metric} ${g.op} ${g.threshold}${g.absolute ? ' (absolute)' : ''}: ${g.value === undefined ? 'not measured' : Number.isInteger(g.value) ? g.value : g.value.toFixed(3)}`,
    ),
  ];
  const failures = report.cases.filter((g) => !g.pass);
  if (failures.length > 0) {
    lines.push(`Failing cases (${failures.length}):`, ...failures.slice(0, maxFailures).map(failureLine));
    if (failures.length > maxFailures)
      lines.push(`  … and ${failures.length - maxFailures} more (see the HTML/JSON report)`);
  }
  lines.push(report.ok ? 'RESULT: PASS' : 'RESULT: FAIL (below threshold)');
  return lines.join('\n');
}
