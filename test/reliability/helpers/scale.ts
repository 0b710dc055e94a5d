/**
 * `RELIABILITY_SCALE` sizes every loop of the suite: 1 (default) is the full local run, CI uses 0.2. Counts never
 * drop below `min`, so a tiny scale still exercises each case.
 */
const raw = Number(process.env.RELIABILITY_SCALE ?? 1);
export const SCALE = Number.isFinite(raw) && raw > 0 ? Math.min(raw, 10) : 1;

/** `n × SCALE`, rounded, at least `min`. */
export function scaled(n: number, min = 1): number {
  return Math.max(min, Math.round(n * SCALE));
}
