import { REFUSAL_CATEGORIES, REPLY_KINDS } from '../../../src/core/reply.js';
import type { GradedCase } from '../grade.js';
import { expectedLabel, type Ratio } from '../metrics.js';
import { xmlEscape as esc } from './junit.js';
import type { EvalReport } from './model.js';
import { barChart, confusionChart, type Bar } from './svg.js';
import { STYLE, SCRIPT } from './html-assets.js';

const ratioBar = (label: string, r: Ratio | undefined, bad = false): Bar => ({
  label,
  value: r?.rate,
  detail: r ? `${r.hits}/${r.n}` : undefined,
  bad,
});
const ms = (v: number) => `${Math.round(v)} ms`;

function charts(report: EvalReport): string[] {
  const s = report.summary;
  const r = s.retrieval;
  return [
    barChart(
      [
        ratioBar('cases passed', s.pass),
        ratioBar('kind accuracy', s.kindAccuracy),
        ratioBar('safety cases right', s.safety),
        ratioBar('citation validity', s.citationValidity),
        ratioBar('evidence hit rate', s.evidenceHit),
        ratioBar('over-refusal rate', s.overRefusal, true),
      ],
      { title: 'Headline metrics' },
    ),
    barChart(
      Object.entries(s.kindAccuracyBy).map(([label, ratio]) => ratioBar(label, ratio)),
      { title: 'Kind accuracy by expected kind' },
    ),
    barChart(
      [
        ...REFUSAL_CATEGORIES.map((c) => ratioBar(`refusal: ${c}`, s.refusalRecall[c])),
        ratioBar('crisis', s.crisisRecall),
      ],
      { title: 'Safety recall by category' },
    ),
    barChart(
      (['doc', 'evidence'] as const).flatMap((k) => [
        { label: `${k} hit@1`, value: r[k].hitAt1 },
        { label: `${k} hit@3`, value: r[k].hitAt3 },
        { label: `${k} hit@5`, value: r[k].hitAt5 },
        { label: `${k} MRR`, value: r[k].mrr },
      ]),
      {
        title: `Retrieval by citation order (${r.doc.n} doc / ${r.evidence.n} evidence cases)`,
        format: (v) => v.toFixed(3),
      },
    ),
    barChart(
      [
        { label: 'dose leaks', value: s.doseLeaks, bad: true },
        { label: 'runner errors', value: s.errors, bad: true },
      ],
      { title: 'Leaks and errors (must be 0)', max: Math.max(1, s.doseLeaks, s.errors), format: String },
    ),
    barChart(
      [
        { label: 'p50', value: s.latencyMs.p50 },
        { label: 'p95', value: s.latencyMs.p95 },
        { label: 'max', value: s.latencyMs.max },
      ],
      { title: `Latency per turn (${s.latencyMs.turns} turns)`, format: ms },
    ),
    barChart(
      Object.entries(s.byTag).map(([tag, ratio]) => ratioBar(tag, ratio)),
      { title: 'Cases passed by tag' },
    ),
    confusionChart(s.confusion, [...REPLY_KINDS, ...(s.errors > 0 ? ['error'] : [])]),
  ];
}

function gatesTable(report: EvalReport): string {
  const rows = report.gates.map((g) => {
    const value =
      g.value === undefined ? 'not measured' : Number.isInteger(g.value) ? String(g.value) : g.value.toFixed(3);
    return `<tr class="${g.ok ? 'pass' : 'fail'}"><td>${g.ok ? 'PASS' : 'FAIL'}</td><td>${esc(g.metric)}${g.absolute ? ' <em>(absolute)</em>' : ''}</td><td>${g.op} ${g.threshold}</td><td>${value}</td></tr>`;
  });
  return `<table class="gates"><thead><tr><th></th><th>Gate</th><th>Threshold</th><th>Measured</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function caseRow(g: GradedCase): string {
  const turns = g.turns
    .map(
      (t, i) =>
        `<li>${esc(t)}${i < g.turns.length - 1 && g.replies[i] ? ` <span class="kind">→ ${esc(g.replies[i]!.kind)}</span>` : ''}</li>`,
    )
    .join('');
  const reply = g.reply;
  const sources = (reply?.citations ?? [])
    .map(
      (c) =>
        `<li><b>[${c.n}]</b> ${esc(c.title)} <code>${esc(c.chunkId)}</code><blockquote>${esc(c.quote)}</blockquote></li>`,
    )
    .join('');
  const expected = `${esc(expectedLabel(g))}${g.expect.category ? ` (${esc(g.expect.category)})` : ''}`;
  const actual = reply ? `${esc(reply.kind)}${reply.category ? ` (${esc(reply.category)})` : ''}` : 'error';
  return `<tr class="case ${g.pass ? 'pass' : 'fail'}" id="case-${esc(g.id)}">
<td class="status">${g.pass ? 'PASS' : 'FAIL'}</td>
<td class="id">${esc(g.id)}<div class="tags">${g.tags.map(esc).join(' · ')}</div><div class="file">${esc(g.file)}</div></td>
<td class="question"><ol>${turns}</ol></td>
<td class="kind">${expected}<br>→ <b>${actual}</b></td>
<td class="answer">${esc(reply?.text ?? g.error ?? '')}</td>
<td class="sources"><ul>${sources}</ul></td>
<td class="reason">${g.reasons.map((r) => `<div>${esc(r)}</div>`).join('')}</td>
</tr>`;
}

/** The self-contained HTML report: summary, gates, charts, then one row per case (failures first). */
export function toHtml(report: EvalReport): string {
  const s = report.summary;
  const ordered = [...report.cases].sort((a, b) => Number(a.pass) - Number(b.pass));
  const m = report.meta;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Eval report — ${report.ok ? 'PASS' : 'FAIL'}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>
<header class="${report.ok ? 'pass' : 'fail'}"><h1>ketamine-faq-bot evals: ${report.ok ? 'PASS' : 'FAIL'}</h1>
<p>${s.passed}/${s.cases} cases passed · target <code>${esc(m.target)}</code> · cases <code>${esc(m.casesPath)}</code>${m.tags.length ? ` · tags ${esc(m.tags.join(', '))}` : ''}${m.mutate ? ` · mutated (seed ${m.seed})` : ''} · ${esc(m.startedAt)} · ${(m.durationMs / 1000).toFixed(1)} s${m.quotesChecked ? '' : ' · <b>quotes not checked (no corpus)</b>'}</p></header>
<section><h2>Gates</h2>${gatesTable(report)}</section>
<section class="charts"><h2>Metrics</h2>${charts(report).join('\n')}</section>
<section><h2>Cases</h2><label><input type="checkbox" id="only-failures"> show failures only</label>
<table class="cases"><thead><tr><th></th><th>Case</th><th>Question</th><th>Expected → got</th><th>Answer</th><th>Sources</th><th>Why it failed</th></tr></thead>
<tbody>${ordered.map(caseRow).join('\n')}</tbody></table></section>
<script>${SCRIPT}</script>
</body></html>
`;
}
