import { describe, expect, it } from 'vitest';
import type { HandleTurn } from '../../src/chat/handle-turn.js';
import { admitted, BUSY_TEXT, TurnGate } from '../../src/chat/turn-gate.js';
import { newConversation } from '../../src/core/conversation.js';
import { ReplySchema } from '../../src/core/reply.js';

/** A turn handler that holds every turn until released, so the gate fills up deterministically. */
function heldTurns() {
  const releases: (() => void)[] = [];
  const handle: HandleTurn = (_input, conversation) =>
    new Promise((resolve) =>
      releases.push(() =>
        resolve({ kind: 'answer', text: 'ok', citations: [], conversationId: conversation.id, meta: { turnId: 't' } }),
      ),
    );
  return {
    handle,
    releaseAll: () => {
      for (const r of releases.splice(0)) r();
    },
  };
}

describe('admitted (the turn gate shared by all channels)', () => {
  it('when full: the API gets 503 overloaded, a chat channel gets a polite busy reply and keeps its history', async () => {
    const gate = new TurnGate({ concurrency: 1, queue: 0, maxWaitMs: 1000, retryAfterSeconds: 2 });
    const held = heldTurns();
    const handleTurn = admitted(gate, held.handle, () => ['Is ketamine safe?']);
    const first = handleTurn({ message: 'q1', channel: 'webchat' }, newConversation());

    await expect(handleTurn({ message: 'q2', channel: 'api' }, newConversation())).rejects.toMatchObject({
      status: 503,
      code: 'overloaded',
      retryAfterSeconds: 2,
    });
    const conversation = newConversation();
    const busy = await handleTurn({ message: 'q3', channel: 'msteams' }, conversation);
    expect(ReplySchema.parse(busy)).toMatchObject({
      kind: 'smalltalk',
      text: BUSY_TEXT,
      suggestions: ['Is ketamine safe?'],
    });
    expect(conversation.turns).toEqual([]);

    held.releaseAll();
    expect((await first).text).toBe('ok');
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
  });

  it('other failures are not turned into busy replies', async () => {
    const gate = new TurnGate({ concurrency: 1, queue: 0, maxWaitMs: 1000, retryAfterSeconds: 2 });
    const handleTurn = admitted(
      gate,
      async () => Promise.reject(new Error('index broke')),
      () => [],
    );
    await expect(handleTurn({ message: 'q', channel: 'webchat' }, newConversation())).rejects.toThrow('index broke');
  });
});
