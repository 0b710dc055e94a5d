import { beforeAll, describe, expect, it } from 'vitest';
import { ANSWERABILITY_FEATURES, answerabilityFeatures } from '../../src/answer/answerability.js';
import { FEATURE_NAMES, questionCandidates } from '../../src/answer/features.js';
import { getConfig } from '../../src/config/env.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { silentLogger } from '../../src/logger.js';
import { notCoveredSignals } from '../../src/retrieval/not-covered-signals.js';
import { loadRetrievalStack, type RetrievalStack } from '../../src/retrieval/stack.js';
import { TermStats } from '../../src/retrieval/term-stats.js';

describe('notCoveredSignals', () => {
  it('takes the best and the top-3 mean cosine and the best BM25, leaving one question out on request', () => {
    // Text ids 0…4 hold cosines; the bank's questions are ids 4, 0, 2, 3 (one more is not in the index).
    const sims = Float64Array.from([0.9, 0.1, 0.5, 0.3, 0.7]);
    const ids = Int32Array.from([4, 0, 2, 3, -1]);
    const hits = [
      { question: 1, score: 8 },
      { question: 2, score: 3 },
    ];
    expect(notCoveredSignals(sims, ids, hits)).toEqual({
      denseMax: 0.9,
      denseTopMean: (0.9 + 0.7 + 0.5) / 3,
      bm25Max: 8,
    });
    // Question 1 (cosine 0.9, BM25 8) left out: it never matches itself.
    const without = notCoveredSignals(sims, ids, hits, 1);
    expect(without.denseMax).toBe(0.7);
    expect(without.denseTopMean).toBeCloseTo((0.7 + 0.5 + 0.3) / 3, 12);
    expect(without.bm25Max).toBe(3);
    expect(notCoveredSignals(sims, new Int32Array(0), hits)).toEqual({ denseMax: -1, denseTopMean: -1, bm25Max: 0 });
  });
});

describe('the not-covered features (real corpus, index and USE-lite)', () => {
  let stack: RetrievalStack;
  let stats: TermStats;
  beforeAll(async () => {
    const config = getConfig();
    stack = await loadRetrievalStack({
      corpusDir: config.CORPUS_DIR,
      indexDir: config.INDEX_DIR,
      embeddings: new UseLiteEmbeddings(),
      logger: silentLogger,
    });
    stats = new TermStats(stack.data.chunks);
  }, 120_000);

  const features = async (question: string, options: Parameters<typeof questionCandidates>[3] = {}) => {
    const { candidates } = await questionCandidates(stack.units, stats, question, options);
    const ranked = candidates
      .map((c) => ({ ...c, probability: 0, score: c.signals.bankMax }))
      .sort((a, b) => b.score - a.score);
    const row = answerabilityFeatures(ranked, FEATURE_NAMES);
    return (name: (typeof ANSWERABILITY_FEATURES)[number]) => row[ANSWERABILITY_FEATURES.indexOf(name)] as number;
  };

  it('scores a question like the not-covered bank higher, and its margin lower, than one a unit answers', async () => {
    // Neither is in either bank: a question of the clinic-logistics family, and the articles' common side effects.
    const uncovered = await features('any free parking near the infusion clinic for patients');
    const covered = await features('can the treatment make me feel sick to my stomach or dizzy');
    expect(uncovered('nc_dense_max')).toBeGreaterThan(covered('nc_dense_max'));
    expect(uncovered('nc_dense_top_mean')).toBeGreaterThan(covered('nc_dense_top_mean'));
    expect(uncovered('nc_margin')).toBeLessThan(covered('nc_margin'));
    expect(uncovered('nc_bm25_log')).toBeGreaterThan(covered('nc_bm25_log'));
  });

  it('leaves a not-covered question out of its own signals (training rows never match themselves)', async () => {
    const i = stack.data.notCovered.indexOf('Is ketamine used on horses?');
    expect(i).toBeGreaterThanOrEqual(0);
    const question = stack.data.notCovered[i] as string;
    const vector = stack.index.textVectors.get(question);
    expect(vector).toBeDefined();
    const own = await features(question, { vector });
    const left = await features(question, { vector, excludeNotCovered: i });
    expect(own('nc_dense_max')).toBeCloseTo(1, 5);
    expect(left('nc_dense_max')).toBeLessThan(0.99);
    expect(left('nc_bm25_log')).toBeLessThan(own('nc_bm25_log'));
  });
});
