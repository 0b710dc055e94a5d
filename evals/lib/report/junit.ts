import { basename } from 'node:path';
import type { GradedCase } from '../grade.js';

/** Escapes text for XML attributes and bodies, dropping characters XML 1.0 cannot carry. */
export function xmlEscape(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function caseBody(g: GradedCase): string {
  const lines = g.turns.map(
    (t, i) => `user: ${t}\nbot (${g.replies[i]?.kind ?? 'no reply'}): ${g.replies[i]?.text ?? ''}`,
  );
  return [...g.reasons.map((r) => `- ${r}`), '', ...lines].join('\n');
}

/** JUnit XML: one testsuite per case file, one testcase per case; failures carry every reason and the exchange. */
export function toJUnit(graded: GradedCase[], suiteName = 'ketamine-faq-bot evals'): string {
  const byFile = new Map<string, GradedCase[]>();
  for (const g of graded) byFile.set(g.file, [...(byFile.get(g.file) ?? []), g]);
  const time = (items: GradedCase[]) => items.reduce((s, g) => s + g.latenciesMs.reduce((a, b) => a + b, 0), 0);
  const failures = (items: GradedCase[]) => items.filter((g) => !g.pass && !g.error).length;
  const errors = (items: GradedCase[]) => items.filter((g) => g.error).length;

  const suites = [...byFile.entries()].map(([file, items]) => {
    const classname = basename(file).replace(/\.ya?ml$/, '');
    const cases = items.map((g) => {
      const open = `    <testcase classname="${xmlEscape(`evals.${classname}`)}" name="${xmlEscape(g.id)}" time="${seconds(time([g]))}"`;
      if (g.pass) return `${open}/>`;
      const tag = g.error ? 'error' : 'failure';
      return `${open}>\n      <${tag} message="${xmlEscape(g.reasons[0] ?? 'failed')}" type="${g.error ? 'RunnerError' : 'EvalFailure'}">${xmlEscape(caseBody(g))}</${tag}>\n    </testcase>`;
    });
    return `  <testsuite name="${xmlEscape(file)}" tests="${items.length}" failures="${failures(items)}" errors="${errors(items)}" skipped="0" time="${seconds(time(items))}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlEscape(suiteName)}" tests="${graded.length}" failures="${failures(graded)}" errors="${errors(graded)}" time="${seconds(time(graded))}">\n${suites.join('\n')}\n</testsuites>\n`;
}
