import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { startFakeSlackApi, type FakeSlackApi } from '../channels/slack/fake-slack-api.js';
import {
  directMessage,
  eventEnvelope,
  mention,
  postEvent,
  SIGNING_SECRET,
  sendEvent,
} from '../channels/slack/slack-requests.js';
import { readEvents } from '../channels/webchat/sse.js';
import { freshDatabase, postgresForTests } from '../helpers/temp-postgres.js';
import { ask, postJson } from './helpers/http.js';
import { startServer, stopAll, waitFor, type ServerHandle } from './helpers/server.js';
import { startRoundRobinProxy, type RoundRobinProxy } from './replicas-proxy.js';

/**
 * Issue 13 item 6: two `npm start` processes (the bundle it runs) on one PostgreSQL behind a round-robin proxy keep
 * one conversation. Follow-ups via /api/ask and Web Chat resolve on either replica, a Slack retry reaching the other
 * replica is not answered twice, and Web Chat carries on (same session, replayed log) after one replica is killed.
 */
const postgres = await postgresForTests();
const db = postgres && (await freshDatabase(postgres.url));
let replicas: ServerHandle[] = [];
let proxy: RoundRobinProxy;
let slack: FakeSlackApi;
let storage: Storage;

beforeAll(async () => {
  if (!db) return;
  slack = await startFakeSlackApi();
  const env = {
    DATABASE_URL: db.url,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: slack.apiUrl,
    TRUST_PROXY: '1',
  };
  // Started together, as a deployment would: both run the migrations, Kysely's lock lets one apply them.
  replicas = await Promise.all([startServer({ env }), startServer({ env })]);
  proxy = await startRoundRobinProxy(replicas.map((r) => r.url));
  storage = await openStorage(
    { DATABASE_URL: db.url, CONVERSATION_TTL_MINUTES: 60, CONVERSATION_MAX: 100 },
    silentLogger,
  );
});
afterAll(async () => {
  await proxy?.close();
  await stopAll();
  await storage?.close();
  await slack?.close();
  await db?.drop();
  postgres?.stop();
});

type Session = { conversationId: string; token: string };
const botMessages = (events: { type: string; from?: { role?: string } }[]) =>
  events.filter((e) => e.type === 'message' && e.from?.role === 'bot');

describe.runIf(postgres)('two replicas on one PostgreSQL behind a round-robin proxy', () => {
  it('a follow-up via /api/ask resolves on the other replica', async () => {
    const id = `replicas-${Date.now()}`;
    const before = proxy.served.length;
    expect((await ask(proxy.url, 'What are the side effects of ketamine?', id)).kind).toBe('answer');
    const followUp = await ask(proxy.url, 'how long do they last?', id);
    expect(new Set(proxy.served.slice(before))).toEqual(new Set([0, 1]));
    expect(followUp.kind).toBe('answer');
    expect(JSON.stringify(followUp.citations)).toMatch(/go away|short-lived|resolve|last long/);
  });

  it('a Slack retry (same event_id) that reaches the other replica is not answered twice', async () => {
    const envelope = eventEnvelope(mention('what is ketamine?', '1700000100.000100'), 'Ev0REPLICAS');
    const before = proxy.served.length;
    expect((await postEvent(proxy.url, envelope)).status).toBe(200);
    const retry = await postEvent(proxy.url, envelope, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    expect(new Set(proxy.served.slice(before))).toEqual(new Set([0, 1]));
    await waitFor(() => slack.callsOf('chat.postMessage').length === 1, { timeoutMs: 15_000, what: 'the answer' });
    // A later, different event is answered: by then the retry has been handled, and was dropped.
    await sendEvent(proxy.url, directMessage('sentinel', '1700000100.000200'));
    await waitFor(() => slack.callsOf('chat.postMessage').length === 2, { timeoutMs: 15_000, what: 'the sentinel' });
    expect(slack.callsOf('chat.postMessage').map((c) => (c.args as { channel: string }).channel)).toEqual(['C1', 'D1']);
  });

  it('Web Chat works across replicas and carries on after one replica is killed', async () => {
    const start = await postJson(proxy.url, '/webchat/conversations?greet=0', {});
    expect(start.status).toBe(201);
    const session = JSON.parse(start.text) as Session;
    const base = `/webchat/conversations/${session.conversationId}`;
    const say = (text: string) =>
      postJson(
        proxy.url,
        `${base}/activities`,
        { type: 'message', text },
        {
          headers: { authorization: `Bearer ${session.token}` },
        },
      );
    const stream = `${proxy.url}${base}/stream?token=${session.token}`;

    expect((await say('What are the side effects of ketamine?')).status).toBe(200);
    const first = await readEvents(stream, (events) => botMessages(events).length >= 1);
    // The turn's Bot Framework state is written after its reply: wait for it, as a graceful stop would.
    const stateKey = `webchat/ketamine-faq-bot/conversations/${session.conversationId}`;
    await waitFor(async () => (await storage.kv.get('bf:state', stateKey)) !== undefined, {
      timeoutMs: 10_000,
      what: 'the conversation state',
    });

    replicas[0]!.child.kill('SIGKILL');
    await replicas[0]!.exited;
    // The page reconnects with its Last-Event-ID: the survivor knows the session and replays nothing twice.
    const reconnect = await fetch(stream, { headers: { 'last-event-id': String(first.at(-1).seq) } });
    expect(reconnect.status).toBe(200);
    await reconnect.body?.cancel();
    expect((await say('how long do they last?')).status).toBe(200);
    const next = await readEvents(stream, (events) => botMessages(events).length >= 1, {
      'last-event-id': String(first.at(-1).seq),
    });
    expect(next[0]).toMatchObject({ text: 'how long do they last?', from: { role: 'user' } });
    expect(next[0].seq).toBe(first.at(-1).seq + 1);
    const answer = botMessages(next)[0] as unknown as { text: string };
    // The follow-up resolved against the first turn (the state came from the database, not the dead replica).
    expect(answer.text).toMatch(/go away|short-lived|resolve|last/i);
  });
});
