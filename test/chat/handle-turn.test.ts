import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBot } from '../../src/chat/create-bot.js';
import { newConversation } from '../../src/core/conversation.js';
import { createTurnHandler, FOOTER, GENERAL_INFO_HEADING } from '../../src/chat/handle-turn.js';
import { Answerer } from '../../src/answer/answerer.js';
import { loadRanker } from '../../src/answer/ranker.js';
import { ReplySchema } from '../../src/core/reply.js';
import { silentLogger } from '../../src/logger.js';
import { allowAllGuard, passThroughPolicy, type OutputGuard, type SafetyPolicy } from '../../src/safety/types.js';
import { recordingLogger } from '../index/helpers.js';
import { getRealBot } from '../helpers/real-bot.js';

let bot: LoadedBot;
beforeAll(async () => {
  bot = await getRealBot();
});

const handler = (
  overrides: {
    policy?: SafetyPolicy;
    guard?: OutputGuard;
    historyTurns?: number;
    logger?: ReturnType<typeof recordingLogger>;
  } = {},
) =>
  createTurnHandler({
    answerer: bot.answerer,
    policy: overrides.policy ?? passThroughPolicy,
    guard: overrides.guard ?? allowAllGuard,
    logger: overrides.logger ?? silentLogger,
    historyTurns: overrides.historyTurns ?? 6,
  });

describe('handleTurn', () => {
  it('trims history to the configured number of turns, keeping the newest', async () => {
    const handle = handler({ historyTurns: 3 });
    const conversation = newConversation();
    const questions = [
      'Is ketamine safe?',
      'What are the side effects?',
      'Is it addictive?',
      'How is it given?',
      'Can I drive home?',
    ];
    for (const message of questions) await handle({ message, channel: 'eval' }, conversation);
    expect(conversation.turns.map((t) => t.message)).toEqual(questions.slice(-3));
  });

  it('the real bot trims to CONVERSATION_HISTORY_TURNS (6)', async () => {
    const conversation = newConversation();
    for (let i = 0; i < 8; i++)
      await bot.handleTurn({ message: `Is ketamine safe? (${i})`, channel: 'eval' }, conversation);
    expect(conversation.turns).toHaveLength(6);
    expect(conversation.turns[0]?.message).toBe('Is ketamine safe? (2)');
  });

  it('records each turn: message, kind, topic and cited chunk ids', async () => {
    const conversation = newConversation();
    const reply = await bot.handleTurn(
      { message: '  What are the side effects of ketamine?  ', channel: 'eval' },
      conversation,
    );
    expect(conversation.turns).toHaveLength(1);
    expect(conversation.turns[0]).toMatchObject({ message: 'What are the side effects of ketamine?', kind: 'answer' });
    expect(conversation.turns[0]?.chunkIds).toEqual(reply.citations.map((c) => c.chunkId));
    expect(conversation.turns[0]?.topic.length).toBeGreaterThan(0);
    expect(reply.conversationId).toBe(conversation.id);
  });

  it('a policy reply is sent as decided, without retrieval, citations or footer', async () => {
    const policy: SafetyPolicy = {
      classify: async () => ({
        action: 'reply',
        kind: 'smalltalk',
        text: 'Hello! Ask me about ketamine therapy.',
        suggestions: ['Is ketamine safe?'],
        rule: 'greeting',
      }),
    };
    const reply = await handler({ policy })({ message: 'hi', channel: 'eval' }, newConversation());
    expect(ReplySchema.parse(reply)).toEqual({
      conversationId: reply.conversationId,
      kind: 'smalltalk',
      text: 'Hello! Ask me about ketamine therapy.',
      citations: [],
      suggestions: ['Is ketamine safe?'],
    });
    expect(reply.meta.policyRule).toBe('greeting');
  });

  it('a refusal with a general query appends cited general information and the footer', async () => {
    const policy: SafetyPolicy = {
      classify: async () => ({
        action: 'reply',
        kind: 'refusal',
        category: 'medical_advice',
        text: 'I can’t advise on your own situation.',
        rule: 'personal',
        generalQuery: 'Who should not use ketamine?',
      }),
    };
    const reply = await handler({ policy })(
      { message: 'Should I take ketamine while pregnant?', channel: 'eval' },
      newConversation(),
    );
    expect(reply.kind).toBe('refusal');
    expect(reply.category).toBe('medical_advice');
    expect(reply.text.startsWith('I can’t advise on your own situation.')).toBe(true);
    expect(reply.text).toContain(GENERAL_INFO_HEADING);
    expect(reply.text.endsWith(FOOTER)).toBe(true);
    expect(reply.citations.length).toBeGreaterThan(0);
    expect(reply.citations.length).toBeLessThanOrEqual(2);
  });

  it('the output guard removes a sentence and its now-unused citation', async () => {
    const guard: OutputGuard = { check: (s) => (/dizziness/i.test(s) ? 'test: no dizziness' : undefined) };
    // As in production, the answerer and the turn share the guard: a refused sentence never reaches a quote.
    const answerer = new Answerer(bot.stack, guard, await loadRanker(), { maxSentences: 4 });
    const handle = createTurnHandler({
      answerer,
      policy: passThroughPolicy,
      guard,
      logger: silentLogger,
      historyTurns: 6,
    });
    const reply = await handle(
      { message: 'What are the most common side effects?', channel: 'eval' },
      newConversation(),
    );
    expect(reply.kind).toBe('answer');
    expect(reply.text).not.toMatch(/dizziness/i);
    for (const c of reply.citations) expect(c.quote).not.toMatch(/dizziness/i);
    const markers = new Set([...reply.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
    expect(reply.citations.every((c) => markers.has(c.n))).toBe(true);
    expect(reply.meta.guardRemoved).toBeGreaterThan(0);
  });

  it('logs one turn line per turn with kind and timing, and never the user text at info', async () => {
    const logger = recordingLogger();
    const secret = 'What are the side effects of ketamine for my aunt Zelda?';
    await handler({ logger })({ message: secret, channel: 'eval' }, newConversation());
    const turns = logger.events('turn');
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ level: 'info', channel: 'eval', kind: expect.any(String) });
    expect(typeof turns[0]?.ms).toBe('number');
    const infoText = JSON.stringify(logger.lines.filter((l) => l.level !== 'debug'));
    expect(infoText).not.toContain('Zelda');
    expect(logger.lines.some((l) => l.level === 'debug' && JSON.stringify(l).includes('Zelda'))).toBe(true);
  });
});

describe('handleTurn and the safety policy (issue 12)', () => {
  it('embeds the message once and hands that vector to the policy', async () => {
    const seen: (readonly number[] | undefined)[] = [];
    const embedded: string[] = [];
    const policy: SafetyPolicy = {
      async classify(_message, _conversation, options) {
        seen.push(options?.vector);
        return { action: 'reply', kind: 'smalltalk', text: 'Hi.', rule: 'test' };
      },
    };
    const embeddings = {
      embedQuery: async (text: string) => {
        embedded.push(text);
        return [0.5, 0.5];
      },
    };
    const handle = createTurnHandler({
      answerer: bot.answerer,
      policy,
      guard: allowAllGuard,
      logger: silentLogger,
      embeddings,
      historyTurns: 6,
    });
    await handle({ message: '  hello  ', channel: 'eval' }, newConversation());
    expect(embedded).toEqual(['hello']);
    expect(seen).toEqual([[0.5, 0.5]]);
  });

  it('possible crisis: the supportive line ends the reply, whatever the policy decided', async () => {
    const support = 'If things feel hard, call or text 988, or 911 in an emergency.';
    const pass: SafetyPolicy = { classify: async () => ({ action: 'pass', support }) };
    const answered = await handler({ policy: pass })(
      { message: 'What are the side effects of ketamine?', channel: 'eval' },
      newConversation(),
    );
    expect(answered.text.endsWith(support)).toBe(true);
    const off: SafetyPolicy = {
      classify: async () => ({ action: 'reply', kind: 'out_of_scope', text: 'Off topic.', rule: 't', support }),
    };
    const declined = await handler({ policy: off })({ message: 'anything', channel: 'eval' }, newConversation());
    expect(declined).toMatchObject({ kind: 'out_of_scope', text: `Off topic.\n\n${support}` });
  });
});
