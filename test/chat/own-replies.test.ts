import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBot } from '../../src/chat/create-bot.js';
import { createTurnHandler } from '../../src/chat/handle-turn.js';
import { MESSAGE_TEXTS } from '../../src/chat/message-texts.js';
import { createSourcesIntent, sourcesReplyText } from '../../src/chat/sources-intent.js';
import { newConversation } from '../../src/core/conversation.js';
import { silentLogger } from '../../src/logger.js';
import { allowAllGuard, type PolicyDecision, type SafetyPolicy } from '../../src/safety/types.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { getRealBot } from '../helpers/real-bot.js';
import { cachedUseLiteModel } from '../helpers/cached-use-lite.js';

let bot: LoadedBot;
beforeAll(async () => {
  bot = await getRealBot();
});

const ARTICLES = [
  { docId: 'ketamine-what-is-it', title: 'Ketamine: What Is It?' },
  { docId: 'ketamine-for-depression', title: 'Ketamine for Depression' },
];

describe('an elliptical question with nothing before it (a new conversation, or after /new)', () => {
  it('gets a prompt for context from the real bot, not a guessed answer or "outside what I cover"', async () => {
    const reply = await bot.handleTurn({ message: 'and how long does it last?', channel: 'eval' }, newConversation());
    expect(reply.kind).toBe('smalltalk');
    // The policy may add its supportive line after it (safety first): the prompt comes first.
    expect(reply.text.startsWith(MESSAGE_TEXTS.needsContext)).toBe(true);
    expect(reply.suggestions?.length).toBeGreaterThan(0);
    expect(reply.citations).toEqual([]);
    expect(reply.meta.policyRule).toBe('chat:needs_context');
  });

  it('the same words after a question borrow its topic and are answered', async () => {
    const conversation = newConversation();
    await bot.handleTurn({ message: 'What are the side effects of ketamine?', channel: 'eval' }, conversation);
    const reply = await bot.handleTurn({ message: 'and how long do they last?', channel: 'eval' }, conversation);
    expect(reply.kind).toBe('answer');
  });

  it('a crisis or refusal decided by the policy always stands (safety first)', async () => {
    for (const decision of [
      { action: 'reply', kind: 'crisis', text: 'Call 988.', rule: 'test' },
      { action: 'reply', kind: 'refusal', category: 'dosing', text: 'No doses.', rule: 'test' },
    ] satisfies PolicyDecision[]) {
      const policy: SafetyPolicy = { classify: async () => decision };
      const handle = createTurnHandler({
        answerer: bot.answerer,
        policy,
        guard: allowAllGuard,
        logger: silentLogger,
        historyTurns: 6,
      });
      const reply = await handle({ message: 'and how much of it?', channel: 'eval' }, newConversation());
      expect(reply.kind).toBe(decision.kind);
    }
  });
});

describe('a question about the sources', () => {
  it.each(['Where does this come from?', 'who wrote this?', 'what are your sources?'])(
    '"%s" lists the five articles with their pages',
    async (message) => {
      const reply = await bot.handleTurn({ message, channel: 'eval' }, newConversation());
      expect(reply.kind).toBe('smalltalk');
      expect(reply.meta.policyRule).toBe('chat:sources');
      for (const a of bot.info().articles) {
        expect(reply.text).toContain(a.title);
        expect(reply.text).toContain(`/articles/${a.docId}`);
      }
    },
  );

  it('questions about ketamine itself are not taken for source questions', async () => {
    for (const message of ['Where does ketamine come from?', 'Who can prescribe ketamine?']) {
      const reply = await bot.handleTurn({ message, channel: 'eval' }, newConversation());
      expect(reply.meta.policyRule, message).not.toBe('chat:sources');
    }
  });

  it('is decided after the policy: a refusal stands even when the message reads like a source question', async () => {
    const policy: SafetyPolicy = {
      classify: async () => ({ action: 'reply', kind: 'refusal', category: 'dosing', text: 'No doses.', rule: 't' }),
    };
    const embeddings = new UseLiteEmbeddings({ model: cachedUseLiteModel('real-bot') });
    const intent = createSourcesIntent(embeddings);
    // The check itself says yes, so only the order of decisions keeps the refusal.
    expect(await intent.matches(await embeddings.embedQuery('what are your sources?'))).toBe(true);
    const handle = createTurnHandler({
      answerer: bot.answerer,
      policy,
      guard: allowAllGuard,
      logger: silentLogger,
      historyTurns: 6,
      embeddings,
      sources: { intent, articles: ARTICLES },
    });
    const reply = await handle({ message: 'what are your sources?', channel: 'eval' }, newConversation());
    expect(reply.kind).toBe('refusal');
  });

  it('links are paths, absolute under PUBLIC_BASE_URL', () => {
    expect(sourcesReplyText(ARTICLES)).toContain('- Ketamine for Depression: /articles/ketamine-for-depression');
    expect(sourcesReplyText(ARTICLES, 'https://chat.example.org/')).toContain(
      'https://chat.example.org/articles/ketamine-what-is-it',
    );
  });
});
