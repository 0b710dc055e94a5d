import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBot, sampleAnswer } from '../../helpers/fake-bot.js';
import { activity, post, recording, startApp, startFakeChannel } from './helpers.js';

/** A raw message activity with every field the schema needs; each bad body below changes or drops one of them. */
const BARE = {
  type: 'message',
  channelId: 'msteams',
  conversation: { id: 'c' },
  from: { id: 'u' },
  recipient: { id: 'b' },
  serviceUrl: 'http://127.0.0.1:9/',
};

/** {@link BARE} without `field`. */
function without(field: keyof typeof BARE): Record<string, unknown> {
  const { [field]: _dropped, ...rest } = BARE;
  return rest;
}

const crisisText = 'Please call or text 988 now. You deserve support right away.';

describe('POST /api/messages (anonymous, fake channel service on loopback)', () => {
  const bot = recording(
    fakeBot((input) => {
      if (input.message.includes('hurt myself')) return { kind: 'crisis', text: crisisText, citations: [] };
      if (input.message.includes('dose'))
        return { kind: 'refusal', category: 'dosing', text: 'I cannot help with dosing.', citations: [] };
      return sampleAnswer();
    }),
  );
  let channel: Awaited<ReturnType<typeof startFakeChannel>>;
  let app: Awaited<ReturnType<typeof startApp>>;
  let endpoint: string;

  beforeAll(async () => {
    channel = await startFakeChannel();
    app = await startApp({ bot });
    endpoint = `${app.url}/api/messages`;
  });
  afterAll(async () => {
    await app.close();
    await channel.close();
  });

  const sent = (conversationId: string) => channel.received.filter((r) => r.conversationId === conversationId);

  it('answers a Teams message with typing, citation entities, the AI label, feedback loop and suggestions', async () => {
    const incoming = activity(channel.url, {
      text: 'How many infusions are usual?',
      conversation: { id: 'teams-1', conversationType: 'personal' },
    });
    const res = await post(endpoint, incoming);
    expect(res.status).toBe(200);
    const out = sent('teams-1').map((r) => r.activity);
    expect(out.map((a) => a.type)).toEqual(['typing', 'message']);
    const message = out[1]!;
    expect(sent('teams-1')[1]!.replyToId).toBe(incoming.id);
    expect(message.text).toContain('[1]');
    expect(message.text).toContain('[2]');
    expect(message.channelData).toEqual({ feedbackLoopEnabled: true });
    const ai = message.entities.find((e: any) => e.type === 'https://schema.org/Message');
    expect(ai.additionalType).toEqual(['AIGeneratedContent']);
    expect(ai.citation.map((c: any) => [c.position, c.appearance.name, c.appearance.abstract])).toEqual([
      [1, 'Doc A', 'Treatment is usually a series of infusions over several weeks.'],
      [2, 'Doc B', 'Some people need up to 12 infusions.'],
    ]);
    expect(message.attachments ?? []).toEqual([]);
    expect(message.suggestedActions.actions).toEqual([
      { type: 'imBack', title: 'What are the common side effects?', value: 'What are the common side effects?' },
    ]);
    expect(bot.replies.at(-1)?.conversationId).toBe('teams-1');
  });

  it('keeps conversation state across turns like /api/ask, separately per conversation', async () => {
    const before = bot.calls.length;
    await post(endpoint, activity(channel.url, { text: 'first', conversation: { id: 'multi-1' } }));
    await post(endpoint, activity(channel.url, { text: 'and then?', conversation: { id: 'multi-1' } }));
    await post(endpoint, activity(channel.url, { text: 'other', conversation: { id: 'multi-2' } }));
    const calls = bot.calls.slice(before);
    expect(calls.map((c) => [c.conversationId, c.priorTurns, c.input.channel])).toEqual([
      ['multi-1', 0, 'msteams'],
      ['multi-1', 1, 'msteams'],
      ['multi-2', 0, 'msteams'],
    ]);
  });

  it('renders a sources card and Web Chat thumbs outside Teams, without Teams entities', async () => {
    await post(
      endpoint,
      activity(channel.url, { channelId: 'webchat', text: 'How many infusions?', conversation: { id: 'wc-1' } }),
    );
    const message = sent('wc-1').find((r) => r.activity.type === 'message')!.activity;
    expect(message.channelData).toBeUndefined();
    const card = message.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const texts = card.content.body.map((b: any) => b.text);
    expect(texts).toEqual([
      'Sources',
      '[1] Doc A',
      '“Treatment is usually a series of infusions over several weeks.”',
      '[2] Doc B',
      '“Some people need up to 12 infusions.”',
    ]);
    const thumbs = message.entities.find((e: any) => e['@id'] === '');
    expect(thumbs.potentialAction.map((a: any) => [a['@type'], a['@id']])).toEqual([
      ['LikeAction', bot.replies.at(-1)!.meta.turnId],
      ['DislikeAction', bot.replies.at(-1)!.meta.turnId],
    ]);
    expect(thumbs.citation).toBeUndefined();
  });

  it('renders crisis replies as the crisis card (tap-to-call, no entities) and refusals without sources', async () => {
    await post(
      endpoint,
      activity(channel.url, { channelId: 'webchat', text: 'I want to hurt myself', conversation: { id: 'crisis-1' } }),
    );
    const crisis = sent('crisis-1').find((r) => r.activity.type === 'message')!.activity;
    expect(crisis.attachments[0].content.fallbackText).toBe(crisisText);
    expect(crisis.attachments[0].content.actions.map((a: any) => a.url)).toContain('tel:988');
    expect(crisis.entities ?? []).toEqual([]);
    await post(endpoint, activity(channel.url, { text: 'what dose should I take', conversation: { id: 'refusal-1' } }));
    const refusal = sent('refusal-1').find((r) => r.activity.type === 'message')!.activity;
    expect(refusal.attachments ?? []).toEqual([]);
    expect((refusal.entities ?? []).some((e: any) => e.additionalType)).toBe(false);
    expect(refusal.channelData).toEqual({ feedbackLoopEnabled: true });
  });

  it('welcomes a new member with what it does and refuses, and three example questions as imBack buttons', async () => {
    /** A Web Chat `conversationUpdate`: `member` joined conversation `id`. */
    const joined = (id: string, member: string) =>
      activity(channel.url, {
        type: 'conversationUpdate',
        channelId: 'webchat',
        conversation: { id },
        membersAdded: [{ id: member }],
      });
    const res = await post(endpoint, joined('welcome-1', 'user-9'));
    expect(res.status).toBe(200);
    const [welcome] = sent('welcome-1').map((r) => r.activity);
    expect(welcome!.text).toMatch(/only five published articles/);
    expect(welcome!.text).toMatch(/can't.*dosing/s);
    expect(welcome!.text).toMatch(/988/);
    expect(welcome!.suggestedActions.actions.map((a: any) => [a.type, a.value])).toEqual(
      bot.exampleQuestions(3).map((q) => ['imBack', q]),
    );
    // The bot joining on its own is not a reason to greet (outside Teams personal chats).
    await post(endpoint, joined('welcome-2', 'bot-1'));
    expect(sent('welcome-2')).toEqual([]);
  });

  it('stores Teams feedback invokes with conversation, turn id and kind, and answers the invoke with 200', async () => {
    await post(endpoint, activity(channel.url, { text: 'How many infusions?', conversation: { id: 'fb-1' } }));
    const replyId = `reply-${channel.received.length}`;
    const turn = bot.replies.at(-1)!;
    const res = await post(
      endpoint,
      activity(channel.url, {
        type: 'invoke',
        name: 'message/submitAction',
        conversation: { id: 'fb-1' },
        replyToId: replyId,
        value: {
          actionName: 'feedback',
          actionValue: { reaction: 'dislike', feedback: '{"feedbackText":"Too short"}' },
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(await app.feedback.list()).toContainEqual(
      expect.objectContaining({
        conversationId: 'fb-1',
        turnId: turn.meta.turnId,
        kind: 'answer',
        rating: 'down',
        comment: 'Too short',
        channel: 'msteams',
      }),
    );
  });

  it('stores Web Chat thumbs events using the turn id the thumbs carried', async () => {
    await post(
      endpoint,
      activity(channel.url, { channelId: 'webchat', text: 'What dose is right?', conversation: { id: 'fb-2' } }),
    );
    const turn = bot.replies.at(-1)!;
    const res = await post(
      endpoint,
      activity(channel.url, {
        type: 'event',
        channelId: 'webchat',
        name: 'webchat:activity-status/feedback',
        conversation: { id: 'fb-2' },
        entities: [
          {
            type: 'https://schema.org/LikeAction',
            '@type': 'LikeAction',
            '@id': turn.meta.turnId,
            description: 'refusal',
          },
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(await app.feedback.list()).toContainEqual(
      expect.objectContaining({
        conversationId: 'fb-2',
        turnId: turn.meta.turnId,
        kind: 'refusal',
        rating: 'up',
        channel: 'webchat',
      }),
    );
  });

  it.each([
    ['an empty body', '', 'invalid_activity'],
    ['broken JSON', '{"type":', 'invalid_json'],
    ['an array', [], 'invalid_activity'],
    ['no conversation', without('conversation'), 'invalid_activity'],
    ['no serviceUrl', without('serviceUrl'), 'invalid_activity'],
    ['a non-http serviceUrl', { ...BARE, serviceUrl: 'file:///etc/passwd' }, 'invalid_activity'],
    ['text that is not a string', { ...BARE, text: 42 }, 'invalid_activity'],
  ])('rejects %s with 400 in the standard error shape', async (_label, body, code) => {
    const res = await post(endpoint, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe('string');
  });

  it('names the offending field in the 400 message', async () => {
    const res = await post(endpoint, { ...BARE, text: 42 });
    expect(res.body.error.message).toMatch(/text/);
  });

  it('answers 502 (not 500) when the channel service cannot be reached', async () => {
    const res = await post(
      endpoint,
      activity('http://127.0.0.1:9/', { text: 'hello', conversation: { id: 'dead-1' } }),
    );
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('channel_unreachable');
  });

  it('answers 503 in the standard shape while the index is loading', async () => {
    app.setBot(undefined);
    try {
      const res = await post(endpoint, activity(channel.url, { text: 'hello', conversation: { id: 'loading-1' } }));
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('not_ready');
      expect(sent('loading-1')).toEqual([]);
    } finally {
      app.setBot(bot);
    }
  });

  it('answers 405 for other methods', async () => {
    const res = await fetch(endpoint);
    expect(res.status).toBe(405);
  });
});
