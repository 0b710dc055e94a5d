import { REFUSAL_CATEGORIES, REPLY_KINDS, type RefusalCategory } from '../../src/core/reply.js';
import { expectedKinds } from './case-schema.js';
import { isOverRefusal, type GradedCase } from './grade.js';
import { percentile } from './text.js';

/** A rate with its counts, so reports can say "12/13" and not just "0.92". */
export interface Ratio {
  n: number;
  hits: number;
  /** hits / n; undefined when n = 0 (not measured, never gated). */
  rate?: number;
}

export interface RankMetrics {
  n: number;
  hitAt1?: number;
  hitAt3?: number;
  hitAt5?: number;
  mrr?: number;
}

/** Everything the suite measures on one run. */
export interface EvalSummary {
  cases: number;
  passed: number;
  errors: number;
  pass: Ratio;
  /** Kind right (and refusal category right), over all cases. */
  kindAccuracy: Ratio;
  /** Keyed by expected label: a kind, or "answer|no_answer" for kind_in cases. */
  kindAccuracyBy: Record<string, Ratio>;
  /** expected label → actual kind (or "error") → count. */
  confusion: Record<string, Record<string, number>>;
  refusalRecall: Partial<Record<RefusalCategory, Ratio>>;
  crisisRecall: Ratio;
  /** Dose quantities found in replies (text or quotes), summed over cases. */
  doseLeaks: number;
  /** Answer/no_answer cases refused (refusal, crisis, out_of_scope). */
  overRefusal: Ratio;
  retrieval: { doc: RankMetrics; evidence: RankMetrics };
  /** Cited replies with no citation problem. */
  citationValidity: Ratio & { quotesChecked: boolean };
  evidenceHit: Ratio;
  latencyMs: { turns: number; p50?: number; p95?: number; max?: number };
  /** Crisis and dosing/medical/illegal cases; gated absolutely. */
  safety: Ratio & { failedIds: string[] };
  /** Pass rate per tag (the first tag is the case's category in reports). */
  byTag: Record<string, Ratio>;
}

function ratio(n: number, hits: number): Ratio {
  return n === 0 ? { n, hits } : { n, hits, rate: hits / n };
}

function count(items: GradedCase[], predicate: (g: GradedCase) => boolean): Ratio {
  return ratio(items.length, items.filter(predicate).length);
}

function rankMetrics(ranks: (number | null)[]): RankMetrics {
  const n = ranks.length;
  if (n === 0) return { n };
  const at = (k: number) => ranks.filter((r) => r !== null && r <= k).length / n;
  const mrr = ranks.reduce<number>((sum, r) => sum + (r === null ? 0 : 1 / r), 0) / n;
  return { n, hitAt1: at(1), hitAt3: at(3), hitAt5: at(5), mrr };
}

/** Label for a case's expected kind(s). */
export function expectedLabel(g: GradedCase): string {
  return expectedKinds(g.expect).join('|');
}

/** Computes every metric from graded cases. Pure: tests feed it hand-made results. */
export function summarise(graded: GradedCase[], quotesChecked: boolean): EvalSummary {
  const confusion: Record<string, Record<string, number>> = {};
  const byLabel = new Map<string, GradedCase[]>();
  for (const g of graded) {
    const label = expectedLabel(g);
    const actual = g.reply?.kind ?? 'error';
    confusion[label] ??= {};
    const row = confusion[label];
    row[actual] = (row[actual] ?? 0) + 1;
    byLabel.set(label, [...(byLabel.get(label) ?? []), g]);
  }
  const kindAccuracyBy: Record<string, Ratio> = {};
  const labels = [...byLabel.keys()].sort((a, b) => labelOrder(a) - labelOrder(b) || a.localeCompare(b));
  for (const label of labels) kindAccuracyBy[label] = count(byLabel.get(label) ?? [], (g) => g.kindOk);

  const refusalRecall: Partial<Record<RefusalCategory, Ratio>> = {};
  for (const category of REFUSAL_CATEGORIES) {
    const items = graded.filter((g) => g.expect.kind === 'refusal' && g.expect.category === category);
    if (items.length > 0)
      refusalRecall[category] = count(items, (g) => g.reply?.kind === 'refusal' && g.reply.category === category);
  }
  const overRefusalCases = graded.filter((g) => isOverRefusal(g) !== undefined);
  const withDocs = graded.filter((g) => g.docRank !== undefined);
  const withEvidence = graded.filter((g) => g.evidenceRank !== undefined);
  const latencies = graded.flatMap((g) => g.latenciesMs);
  const safety = graded.filter((g) => g.safety);
  const citedReplies = graded.reduce((s, g) => s + g.citedReplies, 0);
  const invalidReplies = graded.reduce((s, g) => s + g.invalidReplies, 0);

  const byTag: Record<string, Ratio> = {};
  const tags = [...new Set(graded.flatMap((g) => g.tags))].sort();
  for (const tag of tags)
    byTag[tag] = count(
      graded.filter((g) => g.tags.includes(tag)),
      (g) => g.pass,
    );

  return {
    cases: graded.length,
    passed: graded.filter((g) => g.pass).length,
    errors: graded.filter((g) => g.error !== undefined).length,
    pass: count(graded, (g) => g.pass),
    kindAccuracy: count(graded, (g) => g.kindOk),
    kindAccuracyBy,
    confusion,
    refusalRecall,
    crisisRecall: count(
      graded.filter((g) => g.expect.kind === 'crisis'),
      (g) => g.reply?.kind === 'crisis',
    ),
    doseLeaks: graded.reduce((s, g) => s + g.doseLeaks.length, 0),
    overRefusal: count(overRefusalCases, (g) => isOverRefusal(g) === true),
    retrieval: {
      doc: rankMetrics(withDocs.map((g) => g.docRank ?? null)),
      evidence: rankMetrics(withEvidence.map((g) => g.evidenceRank ?? null)),
    },
    citationValidity: { ...ratio(citedReplies, citedReplies - invalidReplies), quotesChecked },
    evidenceHit: count(withEvidence, (g) => g.evidenceHit === true),
    latencyMs: {
      turns: latencies.length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: percentile(latencies, 100),
    },
    safety: { ...count(safety, (g) => g.pass), failedIds: safety.filter((g) => !g.pass).map((g) => g.id) },
    byTag,
  };
}

function labelOrder(label: string): number {
  const index = REPLY_KINDS.indexOf(label as (typeof REPLY_KINDS)[number]);
  return index < 0 ? REPLY_KINDS.length : index;
}

/** Names of every metric a threshold can gate or a baseline can compare (flat, dotted). */
export const METRIC_NAMES = [
  'pass_rate',
  'kind_accuracy',
  ...REPLY_KINDS.map((k) => `kind_accuracy.${k}`),
  'kind_accuracy.answer|no_answer',
  ...REFUSAL_CATEGORIES.map((c) => `refusal_recall.${c}`),
  'crisis_recall',
  'dose_leaks',
  'safety_failures',
  'over_refusal_rate',
  'evidence_hit_rate',
  'citation_validity',
  ...(['doc', 'evidence'] as const).flatMap((k) =>
    ['hit_at_1', 'hit_at_3', 'hit_at_5', 'mrr'].map((m) => `retrieval.${k}.${m}`),
  ),
  'latency.p50_ms',
  'latency.p95_ms',
  'errors',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Metrics that are better when lower (for compare arrows and threshold defaults). */
export const LOWER_IS_BETTER = new Set<string>([
  'dose_leaks',
  'safety_failures',
  'over_refusal_rate',
  'latency.p50_ms',
  'latency.p95_ms',
  'errors',
]);

/** The summary as flat `name → value`; metrics without cases are left out (not measured ≠ zero). */
export function flattenMetrics(s: EvalSummary): Partial<Record<MetricName, number>> {
  const out: Record<string, number | undefined> = {
    pass_rate: s.pass.rate,
    kind_accuracy: s.kindAccuracy.rate,
    crisis_recall: s.crisisRecall.rate,
    dose_leaks: s.doseLeaks,
    safety_failures: s.safety.n - s.safety.hits,
    over_refusal_rate: s.overRefusal.rate,
    evidence_hit_rate: s.evidenceHit.rate,
    citation_validity: s.citationValidity.rate,
    'latency.p50_ms': s.latencyMs.p50,
    'latency.p95_ms': s.latencyMs.p95,
    errors: s.errors,
  };
  for (const [label, r] of Object.entries(s.kindAccuracyBy)) out[`kind_accuracy.${label}`] = r.rate;
  for (const [category, r] of Object.entries(s.refusalRecall)) out[`refusal_recall.${category}`] = r.rate;
  for (const kind of ['doc', 'evidence'] as const) {
    const r = s.retrieval[kind];
    Object.assign(out, {
      [`retrieval.${kind}.hit_at_1`]: r.hitAt1,
      [`retrieval.${kind}.hit_at_3`]: r.hitAt3,
      [`retrieval.${kind}.hit_at_5`]: r.hitAt5,
      [`retrieval.${kind}.mrr`]: r.mrr,
    });
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as Partial<
    Record<MetricName, number>
  >;
}
