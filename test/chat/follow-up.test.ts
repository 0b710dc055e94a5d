import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBot } from '../../src/chat/create-bot.js';
import { newConversation, type Conversation, type TurnRecord } from '../../src/core/conversation.js';
import { resolveFollowUp, salientTerms } from '../../src/chat/follow-up.js';
import { stem } from '../../src/text/stem.js';
import { getRealBot } from '../helpers/real-bot.js';

const turn = (message: string, topic: string[]): TurnRecord => ({
  message,
  resolvedQuery: message,
  kind: 'answer',
  topic,
  chunkIds: [],
  at: 0,
});
const withTurns = (...turns: TurnRecord[]): Conversation => ({ id: 'c', turns });

describe('resolveFollowUp', () => {
  const sideEffects = withTurns(turn('What are the side effects of ketamine?', ['side', 'effect']));

  it('borrows the previous topic for an elliptical follow-up', () => {
    const r = resolveFollowUp('how long do they last?', sideEffects);
    expect(r.followUp).toBe(true);
    // The previous question's words as written (not the stems "side effect"): the dense match reads real words.
    expect(r.query).toBe('how long do they last? side effects');
    expect(r.topic).toEqual(['side', 'effect']);
  });

  it('hands the previous turn’s answer units to the ranker (the follow-up is about the same passage)', () => {
    const infusions: Conversation = {
      id: 'c',
      turns: [{ ...turn('How many infusions will I need?', ['infus']), chunkIds: ['doc#3'] }],
    };
    const r = resolveFollowUp('and over what time period?', infusions);
    expect(r.followUp).toBe(true);
    expect(r.previous).toEqual({ unitIds: ['doc#3'] });
    expect(r.query).toBe('and over what time period? infusions');
    expect(resolveFollowUp('How does ketamine work?', sideEffects).previous).toBeUndefined();
  });

  it.each(['is that safe?', 'and after?', 'how often?', 'Does it go away?'])('"%s" is a follow-up', (message) => {
    expect(resolveFollowUp(message, sideEffects).followUp).toBe(true);
  });

  it('a message that names its own topic keeps it, in the query and in the topic it leaves behind', () => {
    const r = resolveFollowUp(
      'does it help PTSD too?',
      withTurns(turn('Is ketamine good for depression?', ['depression'])),
    );
    // "too" continues the previous question (the learned model borrows), but PTSD is what is asked about: the query
    // starts with the message and the next follow-up ("how fast?") is about PTSD as well.
    expect(r.query.startsWith('does it help PTSD too?')).toBe(true);
    expect(r.topic).toContain(stem('ptsd'));
  });

  it('a standalone new question is not a follow-up', () => {
    for (const message of [
      'How does ketamine work?',
      'Can I drive home after an infusion?',
      'What should I eat before my appointment?',
    ]) {
      const r = resolveFollowUp(message, sideEffects);
      expect(r.followUp, message).toBe(false);
      expect(r.query).toBe(message);
    }
  });

  it('without history nothing is borrowed', () => {
    const r = resolveFollowUp('how long do they last?', newConversation());
    expect(r).toMatchObject({ query: 'how long do they last?', followUp: false });
  });

  it('skips turns without a topic (greetings) and uses the latest one that has one', () => {
    const conversation = withTurns(
      turn('Is ketamine addictive?', ['addict']),
      turn('What are the side effects?', ['side', 'effect']),
      turn('thanks', []),
    );
    expect(resolveFollowUp('how long do they last?', conversation).topic).toEqual(['side', 'effect']);
  });

  it('salientTerms ignores generic question words', () => {
    expect(salientTerms('how long does it last?')).toEqual([]);
    expect(salientTerms('How long does nausea last?')).toEqual([stem('nausea')]);
  });
});

describe('follow-ups through the real bot', () => {
  let bot: LoadedBot;
  beforeAll(async () => {
    bot = await getRealBot();
  });

  it('"how long do they last?" after a side-effects question cites a passage about them going away', async () => {
    const conversation = newConversation();
    await bot.handleTurn({ message: 'What are the side effects of ketamine?', channel: 'eval' }, conversation);
    const reply = await bot.handleTurn({ message: 'how long do they last?', channel: 'eval' }, conversation);
    expect(reply.kind).toBe('answer');
    expect(reply.meta.resolvedQuery).toMatch(/side effect/);
    expect(
      reply.citations.some((c) => /go away|short-lived|resolve within|don’t last long|don't last long/.test(c.quote)),
    ).toBe(true);
    expect(conversation.turns.map((t) => t.resolvedQuery)).toEqual([
      'What are the side effects of ketamine?',
      reply.meta.resolvedQuery,
    ]);
  });

  it('the same words without the history do not resolve to side effects', async () => {
    const reply = await bot.handleTurn({ message: 'how long do they last?', channel: 'eval' }, newConversation());
    expect(reply.meta.resolvedQuery).toBe('how long do they last?');
  });

  it('"does it help PTSD too?" after a depression question cites a PTSD passage', async () => {
    const conversation = newConversation();
    await bot.handleTurn({ message: 'Is ketamine good for depression?', channel: 'eval' }, conversation);
    const reply = await bot.handleTurn({ message: 'does it help PTSD too?', channel: 'eval' }, conversation);
    expect(reply.kind).toBe('answer');
    expect(reply.citations.some((c) => /PTSD|post-traumatic stress disorder/.test(c.quote))).toBe(true);
  });

  it('a standalone new question after a side-effects question is answered on its own topic', async () => {
    const conversation = newConversation();
    await bot.handleTurn({ message: 'What are the side effects of ketamine?', channel: 'eval' }, conversation);
    const reply = await bot.handleTurn(
      { message: 'What should I eat before my appointment?', channel: 'eval' },
      conversation,
    );
    expect(reply.meta.resolvedQuery).toBe('What should I eat before my appointment?');
    expect(reply.citations.some((c) => /light meal/.test(c.quote))).toBe(true);
  });

  it('conversations over ask() keep their history by conversationId', async () => {
    const first = await bot.ask({ message: 'What are the side effects of ketamine?', channel: 'api' });
    const second = await bot.ask({
      message: 'how long do they last?',
      channel: 'api',
      conversationId: first.conversationId,
    });
    expect(second.conversationId).toBe(first.conversationId);
    expect(second.meta.resolvedQuery).toMatch(/side effect/);
    const fresh = await bot.ask({ message: 'how long do they last?', channel: 'api' });
    expect(fresh.conversationId).not.toBe(first.conversationId);
    expect(fresh.meta.resolvedQuery).toBe('how long do they last?');
  });
});
