import type { ReviewCluster, ReviewSummary } from '../../review/types.js';
import { barChart } from './chart.js';
import { escapeHtml as e, layout } from './html.js';

const hidden = (name: string, value: string) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`;

/** One decision form (accept / not covered / dismiss) for a cluster; every form carries the CSRF token. */
function decideForm(csrf: string, days: number, cluster: ReviewCluster, action: string, label: string, extra = '') {
  return (
    `<form class="inline" method="post" action="/admin/decide">${hidden('csrf', csrf)}${hidden('days', String(days))}` +
    `${hidden('clusterKey', cluster.key)}${hidden('action', action)}${extra}<button type="submit">${e(label)}</button></form>`
  );
}

function clusterRow(c: ReviewCluster, csrf: string, days: number): string {
  const seed = c.samples[0]?.question ?? '';
  const samples = c.samples
    .map((s) => `<li>${e(s.question)}${s.count > 1 ? ` <span class="muted">×${s.count}</span>` : ''}</li>`)
    .join('');
  const accept = c.candidates
    .map(
      (u) =>
        `<div>${decideForm(csrf, days, c, 'accept', `Accept for ${u.title}`, hidden('unitId', u.unitId) + `<input type="text" name="question" value="${e(seed)}" aria-label="Question to add">`)}` +
        ` <span class="muted">${e(u.unitId)} · p=${u.probability.toFixed(2)}</span></div>`,
    )
    .join('');
  const other = decideForm(
    csrf,
    days,
    c,
    'accept',
    'Accept for unit',
    `<input type="text" name="unitId" placeholder="unit id, e.g. doc#3" aria-label="Unit id">${hidden('question', seed)}`,
  );
  return (
    `<tr><td>${c.count}</td><td>${e(c.lastAt.slice(0, 16).replace('T', ' '))}</td><td><ul>${samples}</ul>` +
    `<span class="muted">${e(c.reasons.join(', '))}</span></td><td>${accept}<div>${other}</div>` +
    `${decideForm(csrf, days, c, 'not_covered', 'Not covered')}${decideForm(csrf, days, c, 'dismiss', 'Dismiss')}</td></tr>`
  );
}

function table(head: string[], rows: string[], empty: string): string {
  if (rows.length === 0) return `<p class="muted">${e(empty)}</p>`;
  return `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function evalSection(s: ReviewSummary): string {
  const r = s.evalReport;
  if (r.status === 'missing') return '<p class="muted">No report yet: run <code>npm run eval</code>.</p>';
  if (r.status === 'invalid') return `<p class="err">${e(r.message)}</p>`;
  const metrics = Object.entries(r.report.metrics ?? {}).map(
    ([k, v]) => `<tr><td>${e(k)}</td><td>${e(typeof v === 'object' ? JSON.stringify(v) : v)}</td></tr>`,
  );
  return `<p><strong>${e(r.report.result)}</strong> at ${e(r.report.at)}</p>${metrics.length ? `<table><tbody>${metrics.join('')}</tbody></table>` : ''}`;
}

/** The whole review page. Questions, answers and comments are visitor text: all of it is escaped. */
export function reviewPage(s: ReviewSummary, csrf: string): string {
  const decided = s.decided.map(
    (c) =>
      `<tr><td>${c.count}</td><td>${e(c.samples[0]?.question)}</td><td>${e(c.decision?.action)}</td><td>${e(c.decision?.unitId ?? '')}</td><td>${e(c.decision?.at)}</td></tr>`,
  );
  const decisions = s.decisions.map(
    (d) =>
      `<tr><td>${e(d.at)}</td><td>${e(d.action)}</td><td>${e(d.clusterKey)}</td><td>${e(d.unitId ?? '')}</td><td>${e(d.question ?? '')}</td><td>${e(d.by)}</td></tr>`,
  );
  const thumbs = s.thumbsDown.map(
    (t) =>
      `<tr><td>${e(t.at)}</td><td>${t.question === null ? '<span class="muted">(text not stored)</span>' : e(t.question)}</td>` +
      `<td>${e(t.answer ?? '')}</td><td>${e(t.comment ?? '')}</td><td>${e(t.channel)}</td></tr>`,
  );
  const top = s.topQuestions.map((q) => `<tr><td>${q.count}</td><td>${e(q.question)}</td><td>${e(q.lastAt)}</td></tr>`);
  return layout(
    'Staff review',
    `<h1>Staff review</h1>
<form method="get" action="/admin">Last <input type="number" name="days" min="1" max="3650" value="${s.days}"> days <button type="submit">Show</button></form>
<form method="post" action="/admin/logout">${hidden('csrf', csrf)}<button type="submit">Sign out</button></form>
<p class="muted">Since ${e(s.since)} · ${s.counts.total} turns · low confidence below ${s.lowConfidenceBelow.toFixed(2)}</p>
<h2>Unanswered and low-confidence questions, clustered</h2>
${table(
  ['count', 'last asked', 'questions', 'decide'],
  s.clusters.map((c) => clusterRow(c, csrf, s.days)),
  'Nothing to review.',
)}
<h2>Thumbs down</h2>${table(['at', 'question', 'answer', 'comment', 'channel'], thumbs, 'No thumbs-down votes.')}
<h2>Top questions</h2>${table(['count', 'question', 'last asked'], top, 'No questions logged.')}
<h2>Turns</h2><div class="charts">${barChart('By day', s.counts.byDay)}${barChart('By kind', s.counts.byKind)}${barChart('By channel', s.counts.byChannel)}</div>
<h2>Eval suite, last report</h2>${evalSection(s)}
<h2>Decided clusters</h2>${table(['count', 'question', 'decision', 'unit', 'at'], decided, 'No decided clusters in this period.')}
<h2>Decisions</h2>${table(['at', 'action', 'cluster', 'unit', 'question', 'by'], decisions, 'No decisions yet.')}`,
  );
}
