import { describe, expect, it } from 'vitest';
import { ReplySchema, toReplyBody, type Reply } from '../../src/core/reply.js';

const reply: Reply = {
  conversationId: 'c1',
  kind: 'answer',
  text: 'A sentence. [1]',
  citations: [{ n: 1, docId: 'd', title: 'T', chunkId: 'd#0', quote: 'A sentence.' }],
  suggestions: ['Another question?'],
  meta: { turnId: 't1', resolvedQuery: 'secret user text', confidence: 0.5 },
};

describe('reply contract', () => {
  it('the public body never carries in-process diagnostics', () => {
    const body = toReplyBody(reply);
    expect(body).not.toHaveProperty('meta');
    expect(JSON.stringify(body)).not.toContain('secret user text');
    expect(Object.keys(body).sort()).toEqual(['citations', 'conversationId', 'kind', 'suggestions', 'text']);
  });

  it('rejects kinds and categories outside the contract', () => {
    expect(ReplySchema.safeParse({ ...reply, kind: 'maybe' }).success).toBe(false);
    expect(ReplySchema.safeParse({ ...reply, kind: 'refusal', category: 'dosing' }).success).toBe(true);
    expect(ReplySchema.safeParse({ ...reply, kind: 'refusal', category: 'weather' }).success).toBe(false);
  });
});
