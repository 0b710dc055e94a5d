import { describe, expect, it } from 'vitest';
import { withQuestionLog } from '../../src/chat/logged-turns.js';
import { newConversation } from '../../src/core/conversation.js';
import type { QuestionLog } from '../../src/core/question-log.js';
import type { Reply } from '../../src/core/reply.js';
import { MemoryQuestionLog } from '../../src/storage/memory/memory-question-log.js';

const reply = (over: Partial<Reply> & { meta?: Partial<Reply['meta']> }): Reply => ({
  conversationId: 'c1',
  kind: 'answer',
  text: 'Answer [1].',
  citations: [
    { n: 1, docId: 'd', title: 'D', chunkId: 'd#1', quote: 'q' },
    { n: 2, docId: 'd', title: 'D', chunkId: 'd#1', quote: 'q2' },
  ],
  ...over,
  meta: { turnId: 't1', confidence: 1.3, ...over.meta },
});

describe('withQuestionLog', () => {
  it('logs the turn before returning the reply: unit ids once each, confidence clamped to 0–1', async () => {
    const log = new MemoryQuestionLog();
    const handle = withQuestionLog(
      async () => reply({}),
      log,
      () => new Date('2026-01-01T00:00:00.000Z'),
    );
    await handle({ message: 'What is it?', channel: 'slack' }, newConversation('c1'));
    expect(await log.get('t1')).toEqual({
      turnId: 't1',
      conversationId: 'c1',
      at: '2026-01-01T00:00:00.000Z',
      channel: 'slack',
      kind: 'answer',
      confidence: 1,
      question: 'What is it?',
      answer: 'Answer [1].',
      unitIds: ['d#1'],
    });
  });

  it('a crisis turn is logged without question or answer; a busy reply is not logged', async () => {
    const log = new MemoryQuestionLog();
    const crisis = withQuestionLog(async () => reply({ kind: 'crisis', citations: [] }), log);
    await crisis({ message: 'private words', channel: 'api' }, newConversation('c1'));
    expect(await log.get('t1')).toMatchObject({ kind: 'crisis', question: null, answer: null });
    const busy = withQuestionLog(async () => reply({ meta: { turnId: 't2', policyRule: 'overloaded' } }), log);
    await busy({ message: 'x', channel: 'api' }, newConversation('c2'));
    expect(await log.get('t2')).toBeUndefined();
  });

  it('a failed log write fails the turn instead of answering a turn nobody will see', async () => {
    const failing: QuestionLog = {
      append: async () => {
        throw new Error('disk full');
      },
      get: async () => undefined,
      list: async () => [],
      purgeBefore: async () => 0,
    };
    const handle = withQuestionLog(async () => reply({}), failing);
    await expect(handle({ message: 'q', channel: 'api' }, newConversation('c1'))).rejects.toThrow('disk full');
  });
});
