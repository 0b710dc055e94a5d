import { randomUUID } from 'node:crypto';
import type { Bot } from '../../src/core/bot.js';
import { newConversation, type Conversation } from '../../src/core/conversation.js';
import type { Reply, TurnInput } from '../../src/core/reply.js';

/**
 * A Bot whose replies a test scripts: `respond` maps each input to the reply fields. Channel tests use it to
 * check translation and rendering without loading the index; the real bot is covered by its own tests.
 */
export function fakeBot(
  respond: (input: TurnInput, conversation: Conversation) => Omit<Reply, 'conversationId' | 'meta'>,
): Bot & {
  calls: { input: TurnInput; conversationId: string; priorTurns: number }[];
} {
  const conversations = new Map<string, Conversation>();
  const calls: { input: TurnInput; conversationId: string; priorTurns: number }[] = [];
  const bot = {
    calls,
    async handleTurn(input: TurnInput, conversation: Conversation): Promise<Reply> {
      calls.push({ input, conversationId: conversation.id, priorTurns: conversation.turns.length });
      const body = respond(input, conversation);
      conversation.turns.push({
        message: input.message,
        resolvedQuery: input.message,
        kind: body.kind,
        category: body.category,
        topic: [],
        chunkIds: body.citations.map((c) => c.chunkId),
        at: Date.now(),
      });
      return { ...body, conversationId: conversation.id, meta: { turnId: randomUUID() } };
    },
    async ask(input: TurnInput & { conversationId?: string }): Promise<Reply> {
      const id = input.conversationId ?? randomUUID();
      const conversation = conversations.get(id) ?? newConversation(id);
      conversations.set(id, conversation);
      return bot.handleTurn({ message: input.message, channel: input.channel }, conversation);
    },
    info: () => ({ chunks: 3, model: 'fake', articles: [{ docId: 'doc-a', title: 'Doc A' }] }),
    exampleQuestions: (count = 3) =>
      ['How long does a ketamine session last?', 'What are the common side effects?', 'Is ketamine addictive?'].slice(
        0,
        count,
      ),
  };
  return bot;
}

/** A typical cited answer, for rendering tests. */
export function sampleAnswer(): Omit<Reply, 'conversationId' | 'meta'> {
  return {
    kind: 'answer',
    text: 'Treatment is usually a series of infusions over several weeks. [1] Some people need up to 12 infusions. [2]\n\n_General information from published articles, not medical advice._',
    citations: [
      {
        n: 1,
        docId: 'doc-a',
        title: 'Doc A',
        chunkId: 'doc-a#3',
        quote: 'Treatment is usually a series of infusions over several weeks.',
      },
      { n: 2, docId: 'doc-b', title: 'Doc B', chunkId: 'doc-b#1', quote: 'Some people need up to 12 infusions.' },
    ],
    suggestions: ['What are the common side effects?'],
  };
}
