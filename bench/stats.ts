/** Latency summary of one benchmark phase. */
export interface PhaseResult {
  name: string;
  concurrency: number;
  questions: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  answersPerSec: number;
  /** Reply kinds seen, to show the bot really answered. */
  kinds: Record<string, number>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * Runs `ask` over `questions` with `concurrency` workers; each latency is one question's wall time, throughput is
 * questions / total wall time.
 */
export async function runPhase(
  name: string,
  questions: string[],
  concurrency: number,
  ask: (question: string) => Promise<string>,
): Promise<PhaseResult> {
  const latencies: number[] = [];
  const kinds: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < questions.length) {
        const q = questions[next++] as string;
        const t = performance.now();
        const kind = await ask(q);
        latencies.push(performance.now() - t);
        kinds[kind] = (kinds[kind] ?? 0) + 1;
      }
    }),
  );
  const wall = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    name,
    concurrency,
    questions: questions.length,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    maxMs: round(latencies.at(-1) ?? Number.NaN),
    answersPerSec: round((questions.length / wall) * 1000),
    kinds,
  };
}
