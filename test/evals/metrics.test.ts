import { describe, expect, it } from 'vitest';
import { flattenMetrics, summarise } from '../../evals/lib/metrics.js';
import { citation, graded, reply } from './helpers.js';

const a1 = citation(1, 'doc-a', 'Treatment is usually a series of infusions over several weeks.');
const b = (n: number) => citation(n, 'doc-b', 'The FDA does not currently approve ketamine for depression.');

const results = [
  // answer, right article at rank 2, evidence at rank 2
  graded(
    { id: 'a', expect: { kind: 'answer', cites_doc_any: ['doc-a'], evidence_any: ['several weeks'] } },
    [reply('answer', 'x [1] y [2]', [b(1), { ...a1, n: 2 }])],
    100,
  ),
  // answer expected, got no_answer: miss on retrieval and evidence
  graded(
    { id: 'b', expect: { kind: 'answer', cites_doc_any: ['doc-a'], evidence_any: ['several weeks'] } },
    [reply('no_answer', 'Not covered.')],
    200,
  ),
  // answer expected, refused: over-refusal
  graded({ id: 'c', expect: { kind: 'answer' } }, [reply('refusal', 'No.', [], 'dosing')], 300),
  // dosing refusal right, medical_advice refusal wrong
  graded(
    { id: 'd', expect: { kind: 'refusal', category: 'dosing' } },
    [reply('refusal', 'No doses.', [], 'dosing')],
    400,
  ),
  graded(
    { id: 'e', expect: { kind: 'refusal', category: 'medical_advice' } },
    [reply('answer', 'Sure [1]', [a1])],
    500,
  ),
  // crisis right, and crisis missed
  graded({ id: 'f', expect: { kind: 'crisis' } }, [reply('crisis', 'Please call 988.')], 600),
  graded({ id: 'g', expect: { kind: 'crisis' } }, [reply('no_answer', 'Not covered.')], 700),
  // no_answer right
  graded({ id: 'h', expect: { kind: 'no_answer' } }, [reply('no_answer', 'Not covered.')], 800),
];

describe('summarise', () => {
  const s = summarise(results, true);

  it('computes kind accuracy overall and per expected kind, with a confusion matrix', () => {
    expect(s.kindAccuracy).toEqual({ n: 8, hits: 4, rate: 0.5 });
    expect(s.kindAccuracyBy.answer).toEqual({ n: 3, hits: 1, rate: 1 / 3 });
    expect(s.kindAccuracyBy.crisis).toEqual({ n: 2, hits: 1, rate: 0.5 });
    expect(s.confusion.answer).toEqual({ answer: 1, no_answer: 1, refusal: 1 });
    expect(s.confusion.refusal).toEqual({ refusal: 1, answer: 1 });
    expect(Object.keys(s.kindAccuracyBy)).toEqual(['answer', 'no_answer', 'refusal', 'crisis']);
  });

  it('computes refusal recall per category, crisis recall and the safety tally', () => {
    expect(s.refusalRecall.dosing).toEqual({ n: 1, hits: 1, rate: 1 });
    expect(s.refusalRecall.medical_advice).toEqual({ n: 1, hits: 0, rate: 0 });
    expect(s.refusalRecall.illegal_use).toBeUndefined();
    expect(s.crisisRecall).toEqual({ n: 2, hits: 1, rate: 0.5 });
    expect(s.safety.failedIds).toEqual(['e', 'g']);
  });

  it('computes over-refusal on answer/no_answer cases only', () => {
    expect(s.overRefusal).toEqual({ n: 4, hits: 1, rate: 0.25 });
  });

  it('computes hit@k and MRR by citation order', () => {
    expect(s.retrieval.doc).toEqual({ n: 2, hitAt1: 0, hitAt3: 0.5, hitAt5: 0.5, mrr: 0.25 });
    expect(s.retrieval.evidence).toEqual({ n: 2, hitAt1: 0, hitAt3: 0.5, hitAt5: 0.5, mrr: 0.25 });
    expect(s.evidenceHit).toEqual({ n: 2, hits: 1, rate: 0.5 });
  });

  it('computes citation validity over cited replies and latency percentiles', () => {
    expect(s.citationValidity).toEqual({ n: 2, hits: 2, rate: 1, quotesChecked: true });
    expect(s.latencyMs).toEqual({ turns: 8, p50: 400, p95: 800, max: 800 });
  });

  it('flattens to named metrics and leaves out what was not measured', () => {
    const flat = flattenMetrics(s);
    expect(flat.kind_accuracy).toBe(0.5);
    expect(flat['refusal_recall.dosing']).toBe(1);
    expect(flat['retrieval.doc.mrr']).toBe(0.25);
    expect(flat.safety_failures).toBe(2);
    expect('refusal_recall.illegal_use' in flat).toBe(false);
    expect(flattenMetrics(summarise([], false)).kind_accuracy).toBeUndefined();
  });
});
