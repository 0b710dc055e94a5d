import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** `EVAL_REPORT_FILE`, written by `npm run eval`: read leniently (extra fields are kept, metrics optional). */
export const EvalReportSchema = z.looseObject({
  at: z.string(),
  result: z.enum(['PASS', 'FAIL']),
  metrics: z.record(z.string(), z.unknown()).optional(),
});
export type EvalReport = z.infer<typeof EvalReportSchema>;

/** The last eval report, or why there is none to show. */
export type EvalReportStatus =
  | { status: 'ok'; report: EvalReport }
  | { status: 'missing' }
  | { status: 'invalid'; message: string };

export async function readEvalReport(file: string): Promise<EvalReportStatus> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { status: 'missing' };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { status: 'invalid', message: `${file} is not valid JSON.` };
  }
  const parsed = EvalReportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { status: 'invalid', message: `${file}: "${issue?.path.join('.') || '?'}": ${issue?.message}.` };
  }
  return { status: 'ok', report: parsed.data };
}
