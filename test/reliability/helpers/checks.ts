import type { RawResponse } from './http.js';

/** A V8 stack frame (`at fn (file:line:col)`) or an absolute path into the project, node_modules or node internals. */
const LEAK_PATTERNS = [
  /\bat [^\s()]+ \(.*:\d+:\d+\)/,
  /\bat (?:file:\/\/|\/|node:)\S+:\d+/,
  /\/work\/|node_modules\/|node:internal/,
  /\.(?:ts|mjs|js):\d+:\d+/,
];

/** Why a response body leaks internals (a stack frame or a server path), or undefined when it does not. */
export function leak(text: string): string | undefined {
  for (const p of LEAK_PATTERNS) {
    const m = p.exec(text);
    if (m) return `matches ${String(p)}: ${JSON.stringify(m[0])}`;
  }
  return undefined;
}

/** Why a 4xx response is not in the house error shape `{error:{code,message}}`, or undefined when it is. */
export function badErrorShape(res: RawResponse): string | undefined {
  if (res.status < 400 || res.status >= 500) return undefined;
  // A 401 from an unsigned Slack request or a 404 may still be JSON; everything 4xx must be.
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return `not JSON: ${JSON.stringify(res.text.slice(0, 120))}`;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.code !== 'string' || error.code === '' || typeof error.message !== 'string' || error.message === '')
    return `not {error:{code,message}}: ${res.text.slice(0, 160)}`;
  return undefined;
}

/** Retry-After as seconds (an integer ≥ 0 or an HTTP date in the future), or undefined when absent or malformed. */
export function retryAfterSeconds(res: RawResponse): number | undefined {
  const raw = res.headers['retry-after'];
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Nearest-rank percentile of `values` (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** Counts of each value, as a sorted printable object. */
export function tally<T extends string | number>(values: T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of [...values].sort()) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}
