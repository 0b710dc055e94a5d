import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { startSlackHarness, type SlackHarness } from '../channels/slack/harness.js';
import { BOT_USER, eventEnvelope, postEvent } from '../channels/slack/slack-requests.js';
import { fakeBot, sampleAnswer } from '../helpers/fake-bot.js';

/** Two Slack replicas sharing one database (two connections to one SQLite file, as two processes would have). */
describe('a Slack retry that reaches the other replica', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faq-bot-slack-replicas-'));
  const storages: Storage[] = [];
  const harnesses: SlackHarness[] = [];
  afterAll(async () => {
    for (const h of harnesses) await h.close();
    for (const s of storages) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is not answered twice', async () => {
    for (let i = 0; i < 2; i++) {
      const storage = await openStorage(
        { DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`, CONVERSATION_TTL_MINUTES: 60, CONVERSATION_MAX: 10 },
        silentLogger,
      );
      storages.push(storage);
      harnesses.push(
        await startSlackHarness(
          fakeBot(() => sampleAnswer()),
          {},
          { claimOnce: (namespace, key, ttlMs) => storage.kv.claim(namespace, key, '1', ttlMs) },
        ),
      );
    }
    const [a, b] = harnesses as [SlackHarness, SlackHarness];
    const envelope = eventEnvelope(
      {
        type: 'app_mention',
        user: 'U1',
        text: `<@${BOT_USER}> what is ketamine?`,
        ts: '1700000009.000100',
        channel: 'C1',
      },
      'Ev0REPLICA',
    );
    expect((await postEvent(a.baseUrl, envelope)).status).toBe(200);
    await a.until(() => a.slack.callsOf('chat.postMessage').length === 1);
    const retry = await postEvent(b.baseUrl, envelope, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('x-slack-no-retry')).toBe('1');
    expect(b.slack.callsOf('chat.postMessage')).toHaveLength(0);
  });
});
