import { describe, expect, it } from 'vitest';
import type { QuestionLog } from '../../src/core/question-log.js';
import { recordingLogger } from '../index/helpers.js';
import { createMemoryStorage } from '../../src/storage/memory/memory-storage.js';
import { startRetention } from '../../src/storage/retention.js';

const DAY = 24 * 60 * 60_000;
const entry = (turnId: string, at: number) => ({
  turnId,
  conversationId: 'c',
  at: new Date(at).toISOString(),
  channel: 'api',
  kind: 'answer' as const,
  question: 'q',
  answer: 'a',
  unitIds: [],
});

describe('startRetention', () => {
  it('purges log entries past retention and expired conversations at start, before it resolves', async () => {
    let now = Date.parse('2026-06-01T00:00:00.000Z');
    const storage = createMemoryStorage({ conversationTtlMs: 60_000, conversationMax: 10, now: () => now });
    await storage.questionLog.append(entry('old', now - 91 * DAY));
    await storage.questionLog.append(entry('kept', now - 89 * DAY));
    await storage.conversations.save({ id: 'stale', turns: [] });
    now += 61_000;
    const logger = recordingLogger();
    const stop = await startRetention({ storage, logger, questionLogDays: 90, now: () => now });
    stop();
    expect((await storage.questionLog.list()).map((e) => e.turnId)).toEqual(['kept']);
    expect(await storage.conversations.sweep()).toBe(0);
    expect(logger.events('storage_retention')).toEqual([expect.objectContaining({ purged: 1, expired: 1 })]);
  });

  it('a failing purge is logged, never thrown', async () => {
    const memory = createMemoryStorage({ conversationTtlMs: 60_000, conversationMax: 10 });
    const failing: QuestionLog = {
      append: (e) => memory.questionLog.append(e),
      get: (id) => memory.questionLog.get(id),
      list: (q) => memory.questionLog.list(q),
      purgeBefore: async () => {
        throw new Error('disk gone');
      },
    };
    const logger = recordingLogger();
    const stop = await startRetention({
      storage: { conversations: memory.conversations, questionLog: failing },
      logger,
      questionLogDays: 90,
    });
    stop();
    expect(logger.events('storage_retention_failed')).toEqual([expect.objectContaining({ error: 'disk gone' })]);
  });
});
