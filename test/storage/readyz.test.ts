import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/env.js';
import type { Bot } from '../../src/core/bot.js';
import { silentLogger } from '../../src/logger.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { fakeBot, sampleAnswer } from '../helpers/fake-bot.js';

const dir = mkdtempSync(join(tmpdir(), 'faq-bot-readyz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** GET /readyz and /healthz from the real app over loopback, with a real SQLite storage. */
async function probe(bot: Bot | undefined, storage: Storage) {
  const app = createApp({
    config: parseConfig({}),
    logger: silentLogger,
    feedback: storage.feedback,
    pingStorage: () => storage.ping(),
    getBot: () => bot,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const ready = await fetch(`${base}/readyz`);
    const health = await fetch(`${base}/healthz`);
    return { status: ready.status, body: await ready.json(), health: health.status };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

describe('/readyz', () => {
  const open = () =>
    openStorage(
      { DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`, CONVERSATION_TTL_MINUTES: 60, CONVERSATION_MAX: 10 },
      silentLogger,
    );

  it('200 when the bot is loaded and the database answers', async () => {
    const storage = await open();
    expect(await probe(fakeBot(sampleAnswer), storage)).toEqual({
      status: 200,
      body: { status: 'ready', bot: 'ok', storage: 'ok' },
      health: 200,
    });
    await storage.close();
  });

  it('503 while the index is loading', async () => {
    const storage = await open();
    expect(await probe(undefined, storage)).toMatchObject({
      status: 503,
      body: { status: 'not_ready', bot: 'loading' },
    });
    await storage.close();
  });

  it('503 when the database does not answer, while /healthz (liveness) stays 200', async () => {
    const storage = await open();
    await storage.close();
    expect(await probe(fakeBot(sampleAnswer), storage)).toEqual({
      status: 503,
      body: { status: 'not_ready', bot: 'ok', storage: 'unavailable' },
      health: 200,
    });
  });
});
