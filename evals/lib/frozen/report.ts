import type { GradedCase } from '../grade.js';
import { isRightUnit, roleOf, type AnswerRow, type FrozenFigures, type Rate } from './figures.js';

/** "61.5 % (150/244, 95 % CI 55.2–67.4)" or "n/a (0)". */
export function formatRate(r: Rate, withCi = false): string {
  if (r.rate === undefined) return `n/a (${r.hits}/${r.n})`;
  const pct = (x: number) => (x * 100).toFixed(1);
  const ci = withCi && r.ci95 ? `, 95% CI ${pct(r.ci95[0])}–${pct(r.ci95[1])}` : '';
  return `${pct(r.rate)}% (${r.hits}/${r.n}${ci})`;
}

function rowLine(label: string, row: AnswerRow): string {
  const pct = (r: Rate) => (r.rate === undefined ? '  n/a' : `${(r.rate * 100).toFixed(1).padStart(5)}%`);
  return `  ${label.padEnd(42)} ${String(row.n).padStart(4)}  ${pct(row.rightUnit)}  ${pct(row.wrongUnit)}  ${pct(row.falseNoAnswer)}  ${pct(row.misfire)}`;
}

function table(title: string, rows: Record<string, AnswerRow>): string[] {
  return [
    title,
    `  ${''.padEnd(42)}    n  right   wrong   no_ans  misfire`,
    ...Object.entries(rows).map(([k, row]) => rowLine(k, row)),
  ];
}

/** The console summary of a frozen run. */
export function formatFigures(f: FrozenFigures, files: string[]): string {
  const a = f.answerable;
  const lines = [
    `Frozen answer set: ${files.join(', ')} (${f.cases} cases)`,
    '',
    `Right-unit rate (answerable, single-turn):  ${formatRate(a.rightUnit, true)}`,
    `  answered from the wrong passage:          ${formatRate(a.wrongUnit)}`,
    `  false no_answer:                          ${formatRate(a.falseNoAnswer)}`,
    `  misfires (refusal/out_of_scope/crisis):   ${formatRate(a.misfire)}`,
    `Follow-up right-unit rate (multi-turn):     ${formatRate(f.followUp.rightUnit, true)}`,
    `  follow-up false no_answer:                ${formatRate(f.followUp.falseNoAnswer)}`,
    `no_answer precision (of ${f.noAnswer.given} no_answer replies): ${formatRate(f.noAnswer.precision)}`,
    `no_answer recall (not-covered declined):    ${formatRate(f.noAnswer.recall)}`,
    `  not-covered questions answered anyway:    ${formatRate(f.noAnswer.answered)}`,
    `Replies with citation problems:             ${f.citationProblems}`,
    '',
    ...table('By style (answerable, single-turn):', f.byStyle),
    '',
    ...table('By article (answerable, single-turn):', f.byArticle),
  ];
  const errors = a.errors + f.followUp.errors;
  if (errors > 0) lines.push('', `${errors} case(s) errored and count as misses (see --verbose).`);
  return lines.join('\n');
}

function describeReply(g: GradedCase): string {
  if (!g.reply) return `error: ${g.error ?? 'no reply'}`;
  const first = g.reply.citations[0];
  const cited = first ? ` — [${first.n}] ${first.docId}: "${first.quote.slice(0, 120)}"` : '';
  return `${g.reply.kind}${g.reply.category ? ` (${g.reply.category})` : ''}${cited || `: "${g.reply.text.slice(0, 120)}"`}`;
}

/** One block per miss: answerable cases without the right unit, not-covered cases not declined. */
export function formatMisses(graded: GradedCase[]): string {
  const blocks: string[] = [];
  for (const g of graded) {
    const role = roleOf(g);
    const question = g.turns.map((t) => `"${t}"`).join(' → ');
    if ((role === 'answerable' || role === 'follow-up') && !isRightUnit(g)) {
      blocks.push(
        `✗ ${g.id} [${g.tags.join(', ')}] ${question}\n    expected: "${g.expect.evidence_any?.[0] ?? ''}"\n    got:      ${describeReply(g)}`,
      );
    } else if (role === 'not-covered' && !(g.reply && (g.expect.kind_in ?? [g.expect.kind]).includes(g.reply.kind))) {
      blocks.push(`✗ ${g.id} [not covered] ${question}\n    expected: no_answer\n    got:      ${describeReply(g)}`);
    }
  }
  return blocks.length > 0 ? `Misses (${blocks.length}):\n${blocks.join('\n')}` : 'No misses.';
}
