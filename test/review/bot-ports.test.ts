import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.js';
import { LOW_CONFIDENCE_MARGIN, reviewOptions } from '../../src/review/bot-ports.js';
import { ReviewService } from '../../src/review/service.js';
import { MemoryFeedbackStore } from '../doubles/memory-feedback-store.js';
import { MemoryQuestionLog } from '../doubles/memory-question-log.js';
import { MemoryReviewStore } from '../doubles/memory-review-store.js';
import { getRealBot } from '../helpers/real-bot.js';
import { entry } from './fixtures.js';

describe('the review over the real bot', () => {
  it('flags answers below the ranker threshold + margin and proposes the units the bot ranks best', async () => {
    const bot = await getRealBot();
    const questionLog = new MemoryQuestionLog();
    const options = reviewOptions(bot, parseConfig({}), {
      questionLog,
      feedback: new MemoryFeedbackStore(),
      reviews: new MemoryReviewStore(),
    });
    expect(options.lowConfidenceBelow).toBeCloseTo(bot.answerer.threshold + LOW_CONFIDENCE_MARGIN, 6);
    const service = new ReviewService({ ...options, now: () => new Date() });
    await questionLog.append(entry({ daysAgo: 0, question: 'What side effects can ketamine cause?' }));
    const [cluster] = (await service.summary()).clusters;
    expect(cluster?.candidates.length).toBe(3);
    const ids = new Set(bot.stack.data.chunks.map((u) => u.id));
    for (const c of cluster?.candidates ?? []) {
      expect(ids.has(c.unitId)).toBe(true);
      expect(c.title.length).toBeGreaterThan(0);
    }
    expect(cluster?.candidates[0]?.unitId).toMatch(/^ketamine-side-effects/);
  });
});
