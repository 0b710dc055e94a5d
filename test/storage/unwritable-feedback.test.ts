import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { silentLogger } from '../../src/logger.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { activity, post, startApp, startFakeChannel } from '../channels/botframework/helpers.js';
import { fakeBot, sampleAnswer } from '../helpers/fake-bot.js';

/**
 * The "an unwritable feedback file still answers 200": with a database that cannot be written (here: a real
 * SQLite storage whose connection is closed) a Teams vote must not be acknowledged with 200.
 */
describe('a vote the database cannot store is never acknowledged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faq-bot-unwritable-'));
  let storage: Storage;
  let channel: Awaited<ReturnType<typeof startFakeChannel>>;
  let app: Awaited<ReturnType<typeof startApp>>;

  beforeAll(async () => {
    storage = await openStorage(
      { DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`, CONVERSATION_TTL_MINUTES: 60, CONVERSATION_MAX: 10 },
      silentLogger,
    );
    await storage.close();
    channel = await startFakeChannel();
    app = await startApp({
      bot: fakeBot(sampleAnswer),
      build: (ctx) => createApp({ ...ctx, feedback: storage.feedback }),
    });
  });
  afterAll(async () => {
    await app.close();
    await channel.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Teams feedback invoke: an error status without internals, not 200', async () => {
    const res = await post(
      `${app.url}/api/messages`,
      activity(channel.url, {
        type: 'invoke',
        name: 'message/submitAction',
        conversation: { id: 'unwritable-1' },
        replyToId: 'reply-1',
        value: { actionName: 'feedback', actionValue: { reaction: 'like' } },
      }),
    );
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      error: { code: 'storage_unavailable', message: expect.stringMatching(/^The database is unavailable/) },
    });
  });

  it('Web Chat thumbs event: the POST waits for the store and answers 503, not 200', async () => {
    const session = (await post(`${app.url}/webchat/conversations`, {})).body as {
      conversationId: string;
      token: string;
    };
    const res = await post(
      `${app.url}/webchat/conversations/${session.conversationId}/activities`,
      {
        type: 'event',
        name: 'webchat:activity-status/feedback',
        entities: [{ '@type': 'LikeAction', '@id': 'turn-1', description: 'answer' }],
      },
      { authorization: `Bearer ${session.token}` },
    );
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('storage_unavailable');
  });
});
