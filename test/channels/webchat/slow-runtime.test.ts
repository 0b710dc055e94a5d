import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botFrameworkRuntime } from '../../../src/channels/botframework/runtime.js';
import { webChatRouter } from '../../../src/channels/webchat/router.js';
import { errorHandler } from '../../../src/http/errors.js';
import { fakeBot, sampleAnswer } from '../../helpers/fake-bot.js';
import { post, startApp } from '../botframework/helpers.js';
import { readEvents } from './sse.js';

// The Agents SDK loads lazily (~1.1 s in production). A visitor who types at once must still see the welcome first:
// the load is awaited before the conversation is handed out, not after the 201.
describe('Web Chat with a slow-loading Bot Framework runtime', () => {
  let app: Awaited<ReturnType<typeof startApp>>;

  beforeAll(async () => {
    app = await startApp({
      bot: fakeBot(() => sampleAnswer()),
      build: (ctx) => {
        const slow = () => new Promise((r) => setTimeout(r, 300)).then(() => botFrameworkRuntime(ctx));
        return express()
          .use(webChatRouter(ctx, { loadRuntime: slow }))
          .use(errorHandler(ctx.logger));
      },
    });
  });
  afterAll(async () => app.close());

  it('greets before the first message the visitor posts right after starting', async () => {
    const started = await post(`${app.url}/webchat/conversations`, {});
    expect(started.status).toBe(201);
    const { conversationId, token } = started.body as { conversationId: string; token: string };
    const base = `${app.url}/webchat/conversations/${conversationId}`;
    const sent = await post(
      `${base}/activities`,
      { type: 'message', text: 'hi there' },
      { authorization: `Bearer ${token}` },
    );
    expect(sent.status).toBe(200);
    const events = await readEvents(
      `${base}/stream?token=${token}`,
      (e) => e.filter((a) => a.type === 'message').length >= 2,
    );
    const messages = events.filter((a) => a.type === 'message');
    expect(messages[0].from.role).toBe('bot');
    expect(messages[1].text).toBe('hi there');
  });
});
