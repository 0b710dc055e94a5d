import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBot, sampleAnswer } from '../../helpers/fake-bot.js';
import { post, recording, startApp } from '../botframework/helpers.js';
import { readEvents } from './sse.js';

describe('Web Chat bridge (Direct-Line-style, over real HTTP)', () => {
  const bot = recording(fakeBot(() => sampleAnswer()));
  let app: Awaited<ReturnType<typeof startApp>>;

  beforeAll(async () => {
    app = await startApp({ bot });
  });
  afterAll(async () => app.close());

  async function start() {
    const res = await post(`${app.url}/webchat/conversations`, {});
    expect(res.status).toBe(201);
    return res.body as { conversationId: string; token: string; userId: string };
  }

  it('greets, echoes the user message, then streams the answer with its sources card', async () => {
    const session = await start();
    const base = `${app.url}/webchat/conversations/${session.conversationId}`;
    const sent = await post(
      `${base}/activities`,
      { type: 'message', text: 'How many infusions?', channelData: { clientActivityID: 'c-1' } },
      { authorization: `Bearer ${session.token}` },
    );
    expect(sent.status).toBe(200);
    const events = await readEvents(
      `${base}/stream?token=${session.token}`,
      (e) => e.filter((a) => a.type === 'message').length >= 3,
    );
    const messages = events.filter((a) => a.type === 'message');
    expect(messages[0].text).toMatch(/only five published articles/);
    expect(messages[1]).toMatchObject({
      id: sent.body.id,
      text: 'How many infusions?',
      from: { id: session.userId, role: 'user' },
      channelData: { clientActivityID: 'c-1' },
    });
    expect(messages[2].from.role).toBe('bot');
    expect(messages[2].replyToId).toBe(sent.body.id);
    expect(messages[2].attachments[0].content.body[0].text).toBe('Sources');
    expect(typeof messages[2].timestamp).toBe('string');
    expect(bot.calls.at(-1)?.input.channel).toBe('webchat');
  });

  it('replays only what a reconnecting stream missed (Last-Event-ID)', async () => {
    const session = await start();
    const url = `${app.url}/webchat/conversations/${session.conversationId}/stream?token=${session.token}`;
    const first = await readEvents(url, (e) => e.length >= 1);
    await post(
      `${app.url}/webchat/conversations/${session.conversationId}/activities`,
      { type: 'message', text: 'again' },
      { authorization: `Bearer ${session.token}` },
    );
    const rest = await readEvents(url, (e) => e.filter((a) => a.type === 'message').length >= 2, {
      'last-event-id': String(first[0].seq),
    });
    expect(rest.map((a) => a.seq)).not.toContain(first[0].seq);
    expect(rest.find((a) => a.type === 'message')?.text).toBe('again');
  });

  it('stores a thumbs vote from Web Chat with the turn id and kind', async () => {
    const session = await start();
    const base = `${app.url}/webchat/conversations/${session.conversationId}`;
    await post(
      `${base}/activities`,
      { type: 'message', text: 'How many infusions?' },
      { authorization: `Bearer ${session.token}` },
    );
    const events = await readEvents(`${base}/stream?token=${session.token}`, (e) => e.some((a) => a.attachments));
    const answer = events.find((a) => a.attachments);
    const like = answer.entities[0].potentialAction[0];
    await post(
      `${base}/activities`,
      { type: 'event', name: 'webchat:activity-status/feedback', entities: [like] },
      { authorization: `Bearer ${session.token}` },
    );
    await expect
      .poll(() => app.feedback.items.find((f) => f.conversationId === session.conversationId))
      .toMatchObject({
        turnId: bot.replies.at(-1)!.meta.turnId,
        kind: 'answer',
        rating: 'up',
        channel: 'webchat',
      });
  });

  it('refuses a wrong token (403) and malformed activities (400)', async () => {
    const session = await start();
    const base = `${app.url}/webchat/conversations/${session.conversationId}`;
    expect(
      (await post(`${base}/activities`, { type: 'message', text: 'x' }, { authorization: 'Bearer nope' })).status,
    ).toBe(403);
    expect((await fetch(`${base}/stream?token=nope`)).status).toBe(403);
    const bad = await post(
      `${base}/activities`,
      { type: 'invoke', text: 'x' },
      { authorization: `Bearer ${session.token}` },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_activity');
    expect(
      (await post(`${base}/activities`, '{oops', { authorization: `Bearer ${session.token}` })).body.error.code,
    ).toBe('invalid_json');
  });

  it('answers 503 while the index is loading', async () => {
    app.setBot(undefined);
    try {
      const res = await post(`${app.url}/webchat/conversations`, {});
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('not_ready');
    } finally {
      app.setBot(bot);
    }
  });

  it('serves the page, the widget and the Web Chat bundle from this server', async () => {
    const page = await fetch(`${app.url}/`);
    const html = await page.text();
    expect(html).toContain('src="webchat/webchat.js"');
    expect(html).not.toMatch(/cdn\.botframework|unpkg|jsdelivr/);
    expect(html).toContain('not medical advice; in a crisis call or text 988');
    const bundle = await fetch(`${app.url}/webchat/webchat.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
    expect((await fetch(`${app.url}/favicon.ico`)).status).toBe(204);
    const widget = await fetch(`${app.url}/widget.js`);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    expect(await widget.text()).toContain('Ask about ketamine');
  });

  it('serves nothing at / when WEBCHAT_ENABLED=false', async () => {
    const off = await startApp({ bot, env: { WEBCHAT_ENABLED: 'false' } });
    try {
      expect((await fetch(`${off.url}/`)).status).toBe(404);
      expect((await fetch(`${off.url}/widget.js`)).status).toBe(404);
      expect((await post(`${off.url}/webchat/conversations`, {})).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
