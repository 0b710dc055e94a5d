import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpusData } from '../../src/corpus/corpus.js';
import { entry, reviewHarness } from './fixtures.js';

// Held-out wordings (not in scripts/tune-review-clusters.ts, which tuned the threshold).
const TOPICS = {
  tattoo: ['Can I get a tattoo after ketamine?', 'Is it ok to get tattooed after a ketamine session?'],
  flight: ['Can I fly on a plane after ketamine treatment?', 'Is it safe to take a flight after my ketamine infusion?'],
  coffee: ['Can I drink coffee before ketamine?', 'Is caffeine allowed before a ketamine session?'],
};

describe('ReviewService.summary', () => {
  it('clusters paraphrases together and keeps topics apart', async () => {
    const h = await reviewHarness();
    for (const qs of Object.values(TOPICS)) for (const q of qs) await h.questionLog.append(entry({ question: q }));
    const { clusters } = await h.service.summary();
    const clusterOf = (q: string) => clusters.findIndex((c) => c.samples.some((s) => s.question === q));
    for (const [a, b] of Object.values(TOPICS)) expect(clusterOf(a as string)).toBe(clusterOf(b as string));
    const ids = Object.values(TOPICS).map(([a]) => clusterOf(a as string));
    expect(new Set(ids).size).toBe(3);
    expect(clusters[0]?.candidates.length).toBeGreaterThan(0);
  });

  it('counts crisis turns but never shows their text, even if a store kept it', async () => {
    const h = await reviewHarness();
    await h.questionLog.append(entry({ kind: 'crisis', question: null, answer: null, turnId: 'crisis-1' }));
    // A store that broke the contract and kept the text: the review still must not show it.
    await h.questionLog.append(entry({ kind: 'crisis', question: 'SECRET crisis words', answer: 'SECRET reply' }));
    await h.questionLog.append(entry({ question: 'Does insurance cover ketamine?' }));
    await h.feedback.vote({
      conversationId: 'c',
      turnId: 'crisis-1',
      voterId: 'v',
      kind: 'crisis',
      rating: 'down',
      channel: 'webchat',
    });
    const summary = await h.service.summary();
    expect(summary.counts.byKind.crisis).toBe(2);
    expect(JSON.stringify(summary)).not.toContain('SECRET');
    expect(summary.topQuestions.map((q) => q.question)).toEqual(['Does insurance cover ketamine?']);
    expect(summary.thumbsDown).toEqual([expect.objectContaining({ turnId: 'crisis-1', question: null, answer: null })]);
  });

  it('joins current thumbs-down votes to their log entry, with comments; up and un-votes are left out', async () => {
    const h = await reviewHarness();
    const a = entry({ kind: 'answer', confidence: 0.9, question: 'What is ketamine?', answer: 'An anesthetic [1].' });
    const b = entry({ kind: 'answer', confidence: 0.9, question: 'Is it addictive?', answer: 'It can be [1].' });
    await h.questionLog.append(a);
    await h.questionLog.append(b);
    const vote = { conversationId: 'c', voterId: 'v', kind: 'answer', channel: 'slack' } as const;
    await h.feedback.vote({
      ...vote,
      turnId: a.turnId,
      rating: 'down',
      comment: 'Too vague',
      at: '2026-11-29T10:00:00.000Z',
    });
    await h.feedback.vote({ ...vote, turnId: b.turnId, rating: 'down' });
    await h.feedback.vote({ ...vote, turnId: b.turnId, rating: 'none' });
    const { thumbsDown } = await h.service.summary();
    expect(thumbsDown).toEqual([
      {
        turnId: a.turnId,
        question: 'What is ketamine?',
        answer: 'An anesthetic [1].',
        comment: 'Too vague',
        at: '2026-11-29T10:00:00.000Z',
        channel: 'slack',
      },
    ]);
  });

  it('counts by kind, channel and day within the period; reviews no_answer and low-confidence answers only', async () => {
    const h = await reviewHarness();
    await h.questionLog.append(entry({ daysAgo: 1, channel: 'slack', question: 'How much does it cost?' }));
    await h.questionLog.append(entry({ daysAgo: 1, kind: 'answer', confidence: 0.3, question: 'Is it safe?' }));
    await h.questionLog.append(entry({ daysAgo: 2, kind: 'answer', confidence: 0.95, question: 'What is ketamine?' }));
    await h.questionLog.append(entry({ daysAgo: 40, question: 'Old question?' }));
    const s = await h.service.summary();
    expect(s.counts).toEqual({
      total: 3,
      byKind: { no_answer: 1, answer: 2 },
      byChannel: { slack: 1, webchat: 2 },
      byDay: { '2026-11-28': 1, '2026-11-29': 2 },
    });
    expect(s.unanswered.map((u) => [u.question, u.reason]).sort()).toEqual([
      ['How much does it cost?', 'no_answer'],
      ['Is it safe?', 'low_confidence'],
    ]);
    expect((await h.service.summary(60)).counts.total).toBe(4);
  });

  it('counts repeated questions under one normalised text', async () => {
    const h = await reviewHarness();
    for (const q of ['Does insurance cover it?', 'does insurance  cover it', 'DOES INSURANCE COVER IT??'])
      await h.questionLog.append(entry({ question: q }));
    const s = await h.service.summary();
    expect(s.unanswered).toHaveLength(1);
    expect(s.unanswered[0]).toMatchObject({ count: 3 });
    expect(s.topQuestions[0]).toMatchObject({ count: 3 });
  });

  it('shows the eval report, "missing" before the first run, and says why a bad file is unusable', async () => {
    const h = await reviewHarness();
    expect((await h.service.summary()).evalReport).toEqual({ status: 'missing' });
    await writeFile(
      h.options.evalReportFile,
      JSON.stringify({ at: '2026-11-30T08:00:00Z', result: 'PASS', metrics: { accuracy: 0.91 }, extra: 1 }),
    );
    expect((await h.service.summary()).evalReport).toMatchObject({
      status: 'ok',
      report: { result: 'PASS', metrics: { accuracy: 0.91 } },
    });
    await writeFile(h.options.evalReportFile, JSON.stringify({ at: 'x', result: 'MAYBE' }));
    expect((await h.service.summary()).evalReport).toMatchObject({
      status: 'invalid',
      message: expect.stringContaining('result'),
    });
  });
});

describe('ReviewService.decide', () => {
  it('accept writes the question to the accepted file, the bank loader then has it, and the cluster moves to decided', async () => {
    const h = await reviewHarness();
    await h.questionLog.append(entry({ question: 'Can ketamine help with my low mood?' }));
    const [cluster] = (await h.service.summary()).clusters;
    const unit = h.units[3];
    if (!cluster || !unit) throw new Error('fixture');
    const decision = await h.service.decide({ clusterKey: cluster.key, action: 'accept', unitId: unit.id, by: 'test' });
    expect(decision).toMatchObject({
      action: 'accept',
      unitId: unit.id,
      question: 'Can ketamine help with my low mood?',
    });
    const data = await loadCorpusData(resolve('corpus'), undefined, h.options.acceptedQuestionsFile);
    expect(data.bank).toContainEqual({ text: 'Can ketamine help with my low mood?', unitId: unit.id, source: 'bank' });
    const without = await loadCorpusData(resolve('corpus'));
    expect(data.bankText).not.toBe(without.bankText);
    const after = await h.service.summary();
    expect(after.clusters).toEqual([]);
    expect(after.decided.map((c) => c.key)).toEqual([cluster.key]);
    expect(after.decisions[0]).toMatchObject({ clusterKey: cluster.key, by: 'test' });
  });

  it('rejects an unknown cluster (404), accept without a unit or with an unknown one (400)', async () => {
    const h = await reviewHarness();
    await h.questionLog.append(entry({ question: 'How long does an infusion take?' }));
    const key = (await h.service.summary()).clusters[0]?.key as string;
    await expect(h.service.decide({ clusterKey: 'c-nope', action: 'dismiss' })).rejects.toMatchObject({
      status: 404,
      code: 'unknown_cluster',
    });
    await expect(h.service.decide({ clusterKey: key, action: 'accept' })).rejects.toMatchObject({ status: 400 });
    await expect(h.service.decide({ clusterKey: key, action: 'accept', unitId: 'nope#1' })).rejects.toMatchObject({
      code: 'unknown_unit',
    });
    await expect(h.service.decide({ clusterKey: key, action: 'launch' as 'dismiss' })).rejects.toMatchObject({
      code: 'invalid_decision',
    });
    expect(h.reviews.items).toEqual([]);
    await h.service.decide({ clusterKey: key, action: 'not_covered' });
    expect(h.reviews.items).toEqual([expect.objectContaining({ clusterKey: key, action: 'not_covered', by: 'admin' })]);
  });
});
