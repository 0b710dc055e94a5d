import { z } from 'zod';
import { LOWER_IS_BETTER } from '../metrics.js';

/** `evals/baseline.json`: the flat metrics of a reference run and which cases passed. */
export const BaselineSchema = z.object({
  generatedAt: z.string(),
  target: z.string(),
  metrics: z.record(z.string(), z.number()),
  cases: z.record(z.string(), z.boolean()),
});
export type Baseline = z.infer<typeof BaselineSchema>;

const COUNTS = new Set(['dose_leaks', 'errors', 'safety_failures']);
const fmt = (metric: string, v: number | undefined) =>
  v === undefined ? '—' : metric.startsWith('latency') || COUNTS.has(metric) ? String(Math.round(v)) : v.toFixed(3);

/** Latency is noisy run to run: only a change of more than 20% is worth a mark. */
function changed(metric: string, before: number, after: number): boolean {
  if (metric.startsWith('latency')) return Math.abs(after - before) > 0.2 * Math.max(before, 1);
  return Math.abs(after - before) > 1e-9;
}

/** Metric-by-metric diff and the cases whose outcome changed, as console lines. */
export function compareToBaseline(base: Baseline, current: Baseline): string[] {
  const lines = [`Compared with baseline from ${base.generatedAt} (${base.target}):`];
  const names = [...new Set([...Object.keys(base.metrics), ...Object.keys(current.metrics)])].sort();
  const width = Math.max(...names.map((n) => n.length));
  for (const name of names) {
    const before = base.metrics[name];
    const after = current.metrics[name];
    let mark = '';
    if (before !== undefined && after !== undefined && changed(name, before, after)) {
      const better = LOWER_IS_BETTER.has(name) ? after < before : after > before;
      mark = `${after > before ? '+' : ''}${fmt(name, after - before)} ${better ? '(better)' : '(WORSE)'}`;
    }
    lines.push(
      `  ${name.padEnd(width)}  ${fmt(name, before).padStart(7)} → ${fmt(name, after).padStart(7)}  ${mark}`.trimEnd(),
    );
  }
  const newlyFailing = Object.keys(current.cases).filter(
    (id) => base.cases[id] === true && current.cases[id] === false,
  );
  const newlyPassing = Object.keys(current.cases).filter(
    (id) => base.cases[id] === false && current.cases[id] === true,
  );
  if (newlyFailing.length > 0) lines.push(`  Newly failing (${newlyFailing.length}): ${newlyFailing.join(', ')}`);
  if (newlyPassing.length > 0) lines.push(`  Newly passing (${newlyPassing.length}): ${newlyPassing.join(', ')}`);
  if (newlyFailing.length + newlyPassing.length === 0) lines.push('  No case changed outcome.');
  return lines;
}
