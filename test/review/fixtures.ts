import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { QuestionLogEntry } from '../../src/core/question-log.js';
import { loadCorpusData } from '../../src/corpus/corpus.js';
import type { Chunk } from '../../src/corpus/chunk.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { ReviewService } from '../../src/review/service.js';
import type { ReviewServiceOptions } from '../../src/review/types.js';
import { MemoryFeedbackStore } from '../doubles/memory-feedback-store.js';
import { MemoryQuestionLog } from '../doubles/memory-question-log.js';
import { MemoryReviewStore } from '../doubles/memory-review-store.js';
import { cachedUseLiteModel } from '../helpers/cached-use-lite.js';

let embeddings: UseLiteEmbeddings | undefined;
let units: Promise<Chunk[]> | undefined;

/** The real answer units of corpus/ (loaded once per worker). */
export function corpusUnits(): Promise<Chunk[]> {
  units ??= loadCorpusData(resolve('corpus')).then((d) => d.chunks);
  return units;
}

/** The fixed "now" of review tests. */
export const NOW = new Date('2026-11-30T12:00:00.000Z');

let seq = 0;
/** A question-log entry with defaults; `daysAgo` sets its time relative to {@link NOW}. */
export function entry(fields: Partial<QuestionLogEntry> & { daysAgo?: number }): QuestionLogEntry {
  const { daysAgo = 1, ...rest } = fields;
  seq++;
  return {
    turnId: `t-${seq}`,
    conversationId: `c-${seq}`,
    at: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString(),
    channel: 'webchat',
    kind: 'no_answer',
    confidence: 0.05,
    question: `question ${seq}`,
    answer: 'The articles I answer from do not cover that.',
    unitIds: [],
    ...rest,
  };
}

/** A review service over in-memory ports, real USE-lite and the real units; candidates are the first two units. */
export async function reviewHarness(overrides: Partial<ReviewServiceOptions> = {}) {
  embeddings ??= new UseLiteEmbeddings({ model: cachedUseLiteModel('real-bot') });
  const dir = await mkdtemp(join(tmpdir(), 'review-'));
  const questionLog = new MemoryQuestionLog();
  const feedback = new MemoryFeedbackStore();
  const reviews = new MemoryReviewStore();
  const allUnits = await corpusUnits();
  const use = embeddings;
  const options: ReviewServiceOptions = {
    questionLog,
    feedback,
    reviews,
    embed: (texts) => use.embedDocuments(texts),
    candidates: async () =>
      allUnits.slice(0, 2).map((u, i) => ({ unitId: u.id, title: u.title, probability: 0.5 - i * 0.1 })),
    units: allUnits,
    lowConfidenceBelow: 0.59,
    acceptedQuestionsFile: join(dir, 'accepted-questions.yaml'),
    evalReportFile: join(dir, 'eval-report.json'),
    defaultDays: 30,
    now: () => NOW,
    ...overrides,
  };
  return { service: new ReviewService(options), questionLog, feedback, reviews, options, dir, units: allUnits };
}
