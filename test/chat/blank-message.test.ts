import { describe, expect, it } from 'vitest';
import type { Answerer } from '../../src/answer/answerer.js';
import { createTurnHandler } from '../../src/chat/handle-turn.js';
import { MESSAGE_TEXTS } from '../../src/chat/message-texts.js';
import { newConversation } from '../../src/core/conversation.js';
import { ReplySchema } from '../../src/core/reply.js';
import { silentLogger } from '../../src/logger.js';
import { allowAllGuard, type SafetyPolicy } from '../../src/safety/types.js';

/** Records every text that would reach the embedder (policy classification) or retrieval (the answerer). */
function recordingDeps() {
  const reached: string[] = [];
  const policy: SafetyPolicy = {
    classify: async (message) => {
      reached.push(message);
      return { action: 'pass' };
    },
  };
  const answerer = {
    answer: async (query: string) => {
      reached.push(query);
      return { kind: 'no_answer', text: 'No.', citations: [], suggestions: [], confidence: 0, guardRemoved: 0 };
    },
    suggestions: {
      examples: (n: number) => ['Is ketamine safe?', 'What are the side effects?', 'How is it given?'].slice(0, n),
    },
  } as unknown as Answerer;
  const handle = createTurnHandler({ answerer, policy, guard: allowAllGuard, logger: silentLogger, historyTurns: 6 });
  return { handle, reached };
}

describe('handleTurn with a blank message (last line of defence)', () => {
  it.each(['', '   ', '\u200b', '\u200c\u200d', '\ufeff', ' \u200b\ufeff\t\n'])(
    '%j never reaches the policy or retrieval',
    async (message) => {
      const { handle, reached } = recordingDeps();
      const conversation = newConversation();
      const reply = await handle({ message, channel: 'webchat' }, conversation);
      expect(reached).toEqual([]);
      expect(ReplySchema.parse(reply)).toMatchObject({
        kind: 'smalltalk',
        text: MESSAGE_TEXTS.blankPrompt,
        citations: [],
      });
      expect(reply.suggestions).toHaveLength(3);
      expect(conversation.turns).toEqual([]);
    },
  );

  it('a visible message still goes through the policy and retrieval', async () => {
    const { handle, reached } = recordingDeps();
    await handle({ message: '\u200bIs ketamine safe?', channel: 'webchat' }, newConversation());
    expect(reached.length).toBeGreaterThan(0);
  });
});
