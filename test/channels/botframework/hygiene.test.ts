import { brotliCompressSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLANK_MESSAGE_REPLY } from '../../../src/channels/botframework/agent.js';
import { LruStorage } from '../../../src/channels/botframework/lru-storage.js';
import { botFrameworkRouter } from '../../../src/channels/botframework/router.js';
import { botFrameworkRuntime } from '../../../src/channels/botframework/runtime.js';
import { MAX_MESSAGE_CHARS } from '../../../src/core/message.js';
import { errorHandler, notFoundHandler } from '../../../src/http/errors.js';
import { silentLogger } from '../../../src/logger.js';
import { fakeBot, sampleAnswer } from '../../helpers/fake-bot.js';
import { activity, post, readBridgeStream, recording, startApp, startFakeChannel, waitFor } from './helpers.js';

describe('POST /api/messages: bodies, blank messages and state', () => {
  const bot = recording(fakeBot(() => sampleAnswer()));
  let channel: Awaited<ReturnType<typeof startFakeChannel>>;
  let app: Awaited<ReturnType<typeof startApp>>;
  let endpoint: string;

  beforeAll(async () => {
    channel = await startFakeChannel();
    app = await startApp({ bot, env: { CONVERSATION_MAX: '10' } });
    endpoint = `${app.url}/api/messages`;
  });
  afterAll(async () => {
    await app.close();
    await channel.close();
  });

  const sent = (conversationId: string) =>
    channel.received.filter((r) => r.conversationId === conversationId).map((r) => r.activity);
  const raw = (body: BodyInit, headers: Record<string, string>) =>
    fetch(endpoint, { method: 'POST', headers, body }).then(async (r) => {
      const text = await r.text();
      return { status: r.status, body: (text ? JSON.parse(text) : undefined) as any };
    });

  it.each([
    ['zero-width space', '\u200b'],
    ['zero-width joiners', '\u200c\u200d'],
    ['a BOM', '\ufeff'],
    ['spaces around a zero-width space', '  \u200b  '],
    ['an empty string', ''],
  ])('answers a blank message (%s) with a prompt, never asking the bot', async (label, text) => {
    const before = bot.calls.length;
    const id = `blank-${label.replaceAll(' ', '-')}`;
    const res = await post(endpoint, activity(channel.url, { channelId: 'webchat', text, conversation: { id } }));
    expect(res.status).toBe(200);
    expect(bot.calls.length).toBe(before);
    expect(sent(id).map((a) => a.text)).toEqual([BLANK_MESSAGE_REPLY]);
  });

  it('hands the bot the visible text, and measures length with the one core limit', async () => {
    await post(
      endpoint,
      activity(channel.url, { text: '\u200bHow many infusions?\ufeff', conversation: { id: 'visible-1' } }),
    );
    expect(bot.calls.at(-1)?.input.message).toBe('How many infusions?');
    const before = bot.calls.length;
    await post(
      endpoint,
      activity(channel.url, { text: 'a'.repeat(MAX_MESSAGE_CHARS + 1), conversation: { id: 'long-1' } }),
    );
    expect(bot.calls.length).toBe(before);
    expect(sent('long-1')[0]?.text).toContain(String(MAX_MESSAGE_CHARS));
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form post', 'application/x-www-form-urlencoded'],
    ['no content type', undefined],
  ])('refuses %s with 415 before reading it', async (_label, type) => {
    const before = channel.received.length;
    const res = await raw(
      JSON.stringify(activity(channel.url, { text: 'hi', conversation: { id: 'ctype-1' } })),
      type ? { 'content-type': type } : {},
    );
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
    expect(channel.received.length).toBe(before);
  });

  // These reach the central error handler through next(); src/http/errors.ts maps parser errors (another change).
  it.each([
    ['gzip that is not gzip', 'gzip', Buffer.from('{"type":"message"}'), [400, 415]],
    ['a br body', 'br', brotliCompressSync(Buffer.from('{"type":"message"}')), [400, 415]],
    ['an unknown encoding', 'x-magic', Buffer.from('{}'), [415]],
  ])('answers %s with 4xx in the standard shape, never 500', async (_label, encoding, body, statuses) => {
    const res = await raw(body, { 'content-type': 'application/json', 'content-encoding': encoding });
    expect(statuses).toContain(res.status);
    expect(typeof res.body.error.code).toBe('string');
    expect(typeof res.body.error.message).toBe('string');
  });

  it('still accepts a correctly gzipped activity', async () => {
    const res = await raw(
      gzipSync(JSON.stringify(activity(channel.url, { text: 'zipped', conversation: { id: 'gz-1' } }))),
      {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
    );
    expect(res.status).toBe(200);
    expect(sent('gz-1').map((a) => a.type)).toEqual(['typing', 'message']);
  });

  it('keeps conversation state in a bounded store (CONVERSATION_MAX), not the SDK MemoryStorage', async () => {
    const { storage } = botFrameworkRuntime(app.ctx);
    expect(storage).toBeInstanceOf(LruStorage);
    for (let i = 0; i < 25; i++)
      await post(endpoint, activity(channel.url, { text: 'hi', conversation: { id: `bound-${i}` } }));
    expect((storage as LruStorage).size).toBeLessThanOrEqual(10);
  });
});

/** How long the fake bot "works" on a turn: long enough for the next message of a burst to arrive meanwhile. */
const TURN_WORK_MS = 10;

/**
 * A fake bot that works TURN_WORK_MS between reading the conversation and answering, as the real one does while it
 * embeds. `slow` records the calls; `bot` is what the app runs.
 */
function slowBot() {
  const slow = fakeBot(() => sampleAnswer());
  const bot = {
    ...slow,
    handleTurn: async (...args: Parameters<typeof slow.handleTurn>) => {
      await new Promise((resolve) => setTimeout(resolve, TURN_WORK_MS));
      return slow.handleTurn(...args);
    },
  };
  return { slow, bot };
}

describe('POST /api/messages: a burst in one conversation', () => {
  it('answers 12 concurrent messages 12 times, with no error reply, and keeps all 12 turns in order', async () => {
    // The bot works between reading the conversation and answering, as the real one does while it embeds.
    const { bot } = slowBot();
    const storage = new LruStorage({ max: 100, ttlMs: 60_000 });
    const channel = await startFakeChannel();
    const app = await startApp({
      bot,
      build: (ctx) => {
        const server = express();
        server.use(botFrameworkRouter(ctx, { storage }));
        server.use(notFoundHandler);
        server.use(errorHandler(silentLogger));
        return server;
      },
    });
    try {
      const texts = Array.from({ length: 12 }, (_, i) => `question ${i + 1}`);
      const results = await Promise.all(
        texts.map((text) =>
          post(
            `${app.url}/api/messages`,
            activity(channel.url, { channelId: 'webchat', text, conversation: { id: 'burst-1' } }),
          ),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(texts.map(() => 200));
      const messages = channel.received
        .filter((r) => r.activity.type === 'message')
        .map((r) => r.activity.text as string);
      expect(messages.filter((t) => /something went wrong/i.test(t))).toEqual([]);
      expect(messages).toHaveLength(12);
      const key = 'webchat/bot-1/conversations/burst-1'; // the SDK's conversation scope: channel/agent/conversation
      const state = (await storage.read([key]))[key];
      expect(state.faq.conversation.turns.map((t: { message: string }) => t.message)).toEqual(texts);
      expect(state.faq.recent).toHaveLength(12);
    } finally {
      await app.close();
      await channel.close();
    }
  });
});

describe('POST /api/messages: a flood in one conversation', () => {
  it('queues at most 32 turns of one conversation and tells the sender of the next one to wait', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const held = fakeBot(() => sampleAnswer());
    const bot = {
      ...held,
      handleTurn: async (...args: Parameters<typeof held.handleTurn>) => {
        await gate; // the first turn holds the conversation until the test has seen the refusal
        return held.handleTurn(...args);
      },
    };
    const channel = await startFakeChannel();
    const app = await startApp({ bot });
    try {
      const posts = Array.from({ length: 33 }, (_, i) =>
        post(`${app.url}/api/messages`, activity(channel.url, { text: `q${i}`, conversation: { id: 'flood-1' } })),
      );
      const texts = () =>
        channel.received.filter((r) => r.activity.type === 'message').map((r) => r.activity.text as string);
      await waitFor(() => texts().some((t) => /faster than I can answer/.test(t)));
      open();
      const results = await Promise.all(posts);
      expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
      expect(held.calls).toHaveLength(32);
      expect(texts().filter((t) => /faster than I can answer/.test(t))).toHaveLength(1);
      expect(texts().filter((t) => t.includes('[1]'))).toHaveLength(32);
    } finally {
      open();
      await app.close();
      await channel.close();
    }
  });
});

describe('Web Chat: a burst in one conversation (the same runtime through the in-process bridge)', () => {
  it('answers 12 quick messages 12 times with no "something went wrong"', async () => {
    const { slow, bot } = slowBot();
    const app = await startApp({ bot });
    try {
      const session = (await post(`${app.url}/webchat/conversations`, {})).body as {
        conversationId: string;
        token: string;
      };
      const base = `${app.url}/webchat/conversations/${session.conversationId}`;
      const texts = Array.from({ length: 12 }, (_, i) => `question ${i + 1}`);
      const posted = await Promise.all(
        texts.map((text) =>
          post(`${base}/activities`, { type: 'message', text }, { authorization: `Bearer ${session.token}` }),
        ),
      );
      expect(posted.map((r) => r.status)).toEqual(texts.map(() => 200));
      const botMessages = (all: any[]) =>
        all.filter((a) => a.type === 'message' && a.from?.role === 'bot' && a.replyToId);
      const stream = await readBridgeStream(
        `${base}/stream?token=${session.token}`,
        (all) => botMessages(all).length >= 12,
      );
      const replies = botMessages(stream).map((a) => a.text as string);
      expect(replies).toHaveLength(12);
      expect(replies.filter((t) => /something went wrong/i.test(t))).toEqual([]);
      expect(slow.calls.map((c) => c.priorTurns)).toEqual(texts.map((_, i) => i));
    } finally {
      await app.close();
    }
  });
});
