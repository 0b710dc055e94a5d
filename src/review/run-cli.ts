import { parseArgs } from 'node:util';
import { AppError } from '../errors.js';
import type { ReviewService } from './service.js';
import type { ReviewSummary } from './types.js';

/** Where the CLI writes (stdout in production, a buffer in tests). */
export interface CliOut {
  write(text: string): unknown;
}

export const USAGE = `Usage: npm run review -- [--days N] [--json]
       npm run review -- --accept <clusterKey> --unit <unitId> [--question "..."]
       npm run review -- --not-covered <clusterKey> | --dismiss <clusterKey>`;

class UsageError extends AppError {
  constructor(message: string) {
    super(`${message}\n${USAGE}`, 'usage', 400);
  }
}

function parse(argv: string[]) {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean' },
        days: { type: 'string' },
        accept: { type: 'string' },
        unit: { type: 'string' },
        question: { type: 'string' },
        'not-covered': { type: 'string' },
        dismiss: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    return values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const pad = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
const line = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The review as plain-text tables (what a terminal shows). */
export function renderTables(s: ReviewSummary): string {
  const out: string[] = [`Review of the last ${s.days} days (since ${s.since}): ${s.counts.total} turns.`, ''];
  out.push(
    'UNANSWERED AND LOW-CONFIDENCE, CLUSTERED',
    `${pad('cluster', 20)} ${pad('count', 6)} ${pad('last asked', 17)} questions / best units`,
  );
  if (s.clusters.length === 0) out.push('  (nothing to review)');
  for (const c of s.clusters) {
    out.push(
      `${pad(c.key, 20)} ${pad(String(c.count), 6)} ${pad(c.lastAt.slice(0, 16).replace('T', ' '), 17)} ${line(c.samples[0]?.question)}`,
    );
    for (const q of c.samples.slice(1)) out.push(`${' '.repeat(46)}${line(q.question)}`);
    for (const u of c.candidates)
      out.push(`${' '.repeat(46)}→ ${u.unitId} (${line(u.title)}) p=${u.probability.toFixed(2)}`);
  }
  out.push('', 'THUMBS DOWN');
  if (s.thumbsDown.length === 0) out.push('  (none)');
  for (const t of s.thumbsDown)
    out.push(
      `${t.at.slice(0, 16).replace('T', ' ')}  ${pad(t.question === null ? '(text not stored)' : line(t.question), 50)}  ${line(t.comment)}`,
    );
  out.push('', 'TOP QUESTIONS');
  for (const q of s.topQuestions) out.push(`${pad(String(q.count), 6)} ${line(q.question)}`);
  const counts = (name: string, map: Record<string, number>) =>
    `${pad(name, 11)} ${
      Object.entries(map)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || '-'
    }`;
  out.push(
    '',
    'COUNTS',
    counts('by kind', s.counts.byKind),
    counts('by channel', s.counts.byChannel),
    counts('by day', s.counts.byDay),
  );
  const r = s.evalReport;
  out.push(
    '',
    `EVAL: ${r.status === 'ok' ? `${r.report.result} at ${r.report.at}` : r.status === 'missing' ? 'no report yet' : r.message}`,
  );
  out.push('', 'DECISIONS');
  if (s.decisions.length === 0) out.push('  (none)');
  for (const d of s.decisions)
    out.push(
      `${d.at.slice(0, 16).replace('T', ' ')}  ${pad(d.action, 12)} ${d.clusterKey} ${d.unitId ?? ''} ${line(d.question)}`,
    );
  return `${out.join('\n')}\n`;
}

/**
 * `npm run review`: prints the review (tables, or `--json`) or records one decision. Returns the exit code; usage
 * and input errors print one line and return 2 (usage) or 1, never a stack trace.
 */
export async function runReviewCli(
  service: ReviewService,
  argv: string[],
  out: CliOut,
  err: CliOut = out,
): Promise<number> {
  try {
    const v = parse(argv);
    if (v.help) {
      out.write(`${USAGE}\n`);
      return 0;
    }
    const days = v.days === undefined ? undefined : Number(v.days);
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650))
      throw new UsageError('--days must be a whole number of days (1–3650).');
    const actions = [v.accept && 'accept', v['not-covered'] && 'not_covered', v.dismiss && 'dismiss'].filter(Boolean);
    if (actions.length > 1) throw new UsageError('Give one of --accept, --not-covered, --dismiss.');
    if ((v.unit || v.question) && !v.accept) throw new UsageError('--unit and --question go with --accept.');
    if (actions.length === 1) {
      const clusterKey = (v.accept ?? v['not-covered'] ?? v.dismiss) as string;
      if (v.accept && !v.unit) throw new UsageError('--accept needs --unit <unitId>.');
      const decision = await service.decide({
        clusterKey,
        action: actions[0] as 'accept' | 'not_covered' | 'dismiss',
        ...(v.unit ? { unitId: v.unit } : {}),
        ...(v.question ? { question: v.question } : {}),
        by: 'cli',
        ...(days ? { days } : {}),
      });
      out.write(
        v.json
          ? `${JSON.stringify(decision, null, 2)}\n`
          : `Recorded: ${decision.action} ${decision.clusterKey}${decision.unitId ? ` → ${decision.unitId}: "${decision.question}"` : ''}\n`,
      );
      return 0;
    }
    const summary = await service.summary(days);
    out.write(v.json ? `${JSON.stringify(summary, null, 2)}\n` : renderTables(summary));
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    err.write(`Error: ${error.message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
