import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { startSlackHarness, type SlackHarness } from '../channels/slack/harness.js';
import type { ButtonElement, SlackBlock } from '../../src/channels/slack/blocks.js';
import {
  BOT_USER,
  blockActions,
  eventEnvelope,
  postCommand,
  postEvent,
  postInteraction,
} from '../channels/slack/slack-requests.js';
import { fakeBot, sampleAnswer } from '../helpers/fake-bot.js';

/** Two Slack replicas sharing one database (two connections to one SQLite file, as two processes would have). */
describe('Slack state shared by two replicas', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faq-bot-slack-replicas-'));
  const storages: Storage[] = [];
  const harnesses: SlackHarness[] = [];
  afterAll(async () => {
    for (const h of harnesses) await h.close();
    for (const s of storages) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const replicas = async () => {
    if (harnesses.length === 2) return harnesses as [SlackHarness, SlackHarness];
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
          { claimOnce: (namespace, key, ttlMs) => storage.kv.claim(namespace, key, '1', ttlMs), kv: storage.kv },
        ),
      );
    }
    return harnesses as [SlackHarness, SlackHarness];
  };

  it('a retry that reaches the other replica is not answered twice', async () => {
    const [a, b] = await replicas();
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

  it('a thread the bot answered on one replica continues on the other without a new mention', async () => {
    const [a, b] = await replicas();
    const before = a.slack.callsOf('chat.postMessage').length;
    await postEvent(
      a.baseUrl,
      eventEnvelope(
        { type: 'app_mention', user: 'U1', text: `<@${BOT_USER}> is it safe?`, ts: '1700000020.000100', channel: 'C1' },
        'Ev0THREAD1',
      ),
    );
    await a.until(() => a.slack.callsOf('chat.postMessage').length === before + 1);
    await postEvent(
      b.baseUrl,
      eventEnvelope(
        {
          type: 'message',
          channel_type: 'channel',
          user: 'U1',
          text: 'and how long does it last?',
          ts: '1700000020.000200',
          thread_ts: '1700000020.000100',
          channel: 'C1',
        },
        'Ev0THREAD2',
      ),
    );
    const [posted] = await b.until(() => {
      const calls = b.slack.callsOf('chat.postMessage');
      return calls.length > 0 && calls;
    });
    expect(posted?.args).toMatchObject({ channel: 'C1', thread_ts: '1700000020.000100' });
  });

  it('a vote clicked again on the other replica is handled once', async () => {
    const [a, b] = await replicas();
    const bodies = (h: SlackHarness, id: string) =>
      h.slack.responses.filter((r) => r.id === id).map((r) => r.body as { blocks?: SlackBlock[] });
    await postCommand(a.baseUrl, { text: 'what is ketamine?', response_url: a.slack.responseUrl('cmd') });
    const answer = await a.until(() => bodies(a, 'cmd')[0]);
    const up = (answer.blocks ?? [])
      .flatMap((block) => (block.type === 'actions' ? block.elements : []))
      .find((button: ButtonElement) => button.action_id === 'ketamine_feedback_up') as ButtonElement;
    await postInteraction(
      a.baseUrl,
      blockActions({ button: up, responseUrl: a.slack.responseUrl('up'), ephemeral: true }),
    );
    await a.until(() => bodies(a, 'up').length === 1);
    const again = await postInteraction(
      b.baseUrl,
      blockActions({ button: up, responseUrl: b.slack.responseUrl('up-again'), ephemeral: true }),
    );
    expect(again.status).toBe(200);
    // A later click on B is answered: B has handled the repeat by then, and said nothing.
    await postCommand(b.baseUrl, { text: 'sentinel', response_url: b.slack.responseUrl('sentinel') });
    await b.until(() => bodies(b, 'sentinel').length === 1);
    expect(bodies(b, 'up-again')).toHaveLength(0);
  });
});
