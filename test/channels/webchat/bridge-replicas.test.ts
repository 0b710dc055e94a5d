import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { Storage } from '../../../src/storage/storage.js';
import { fakeBot, sampleAnswer } from '../../helpers/fake-bot.js';
import { postgresForTests } from '../../helpers/temp-postgres.js';
import { enginesUnderTest } from '../../storage/engines.js';
import { post, startApp } from '../botframework/helpers.js';
import { readEvents } from './sse.js';

/**
 * The real app over HTTP with its Web Chat sessions, replay logs and Bot Framework state on SQLite / PostgreSQL:
 * a conversation keeps working after a restart (same token, Last-Event-ID replay, follow-up context) and on another
 * replica (a reply produced on one reaches the stream held by the other).
 */
const postgres = await postgresForTests();
afterAll(() => postgres?.stop());

type Session = { conversationId: string; token: string; userId: string };

for (const engine of enginesUnderTest(postgres).filter((e) => e.name !== 'memory')) {
  describe(`Web Chat on ${engine.name}: restarts and replicas`, () => {
    const apps: Awaited<ReturnType<typeof startApp>>[] = [];
    afterEach(async () => {
      for (const app of apps.splice(0)) await app.close();
      await engine.cleanup();
    });
    const bot = fakeBot(() => sampleAnswer());
    const replica = async (storage: Storage) => {
      const app = await startApp({
        bot,
        build: (ctx) =>
          createApp({ ...ctx, feedback: storage.feedback, kv: storage.kv, webchatSessions: storage.webchat! }),
      });
      apps.push(app);
      return app;
    };
    const say = (url: string, session: Session, text: string) =>
      post(
        `${url}/webchat/conversations/${session.conversationId}/activities`,
        { type: 'message', text },
        { authorization: `Bearer ${session.token}` },
      );
    const stream = (url: string, session: Session) =>
      `${url}/webchat/conversations/${session.conversationId}/stream?token=${session.token}`;
    const botMessages = (events: { type: string; from?: { role?: string } }[]) =>
      events.filter((e) => e.type === 'message' && e.from?.role === 'bot');

    it('after a restart the same token streams, replays after Last-Event-ID, and follow-ups keep their context', async () => {
      const { storage, url: dbUrl } = await engine.open();
      const before = await replica(storage);
      const session = (await post(`${before.url}/webchat/conversations?greet=0`, {})).body as Session;
      expect((await say(before.url, session, 'What are the side effects?')).status).toBe(200);
      // Typing indicators are streamed live only (never logged or replayed): leave them out of the comparison.
      const first = (await readEvents(stream(before.url, session), (events) => botMessages(events).length >= 1)).filter(
        (e) => e.type !== 'typing',
      );
      // The turn saves its Bot Framework state after the reply is streamed; a graceful restart waits for it too.
      await vi.waitFor(
        async () =>
          expect(
            await storage.kv.get('bf:state', `webchat/ketamine-faq-bot/conversations/${session.conversationId}`),
          ).toBeDefined(),
        { timeout: 5000 },
      );
      await (apps.pop() as (typeof apps)[number]).close();
      await storage.close();

      const after = await replica(await engine.reopen(dbUrl));
      const calls = bot.calls.length;
      const replayed = await readEvents(stream(after.url, session), (events) => events.length >= first.length - 1, {
        'last-event-id': String(first[0].seq),
      });
      expect(replayed.map((e) => e.seq)).toEqual(first.slice(1).map((e) => e.seq));
      expect((await say(after.url, session, 'how long do they last?')).status).toBe(200);
      const next = await readEvents(stream(after.url, session), (events) => botMessages(events).length >= 1, {
        'last-event-id': String(first.at(-1).seq),
      });
      expect(next.map((e) => e.text)).toContain('how long do they last?');
      // The Bot Framework state (the conversation so far) came back from the database: one prior turn.
      expect(bot.calls.slice(calls).map((c) => c.priorTurns)).toEqual([1]);
    });

    it('a reply produced on one replica reaches the stream held by the other', async () => {
      const { storage, url: dbUrl } = await engine.open();
      const a = await replica(storage);
      const b = await replica(await engine.reopen(dbUrl));
      const session = (await post(`${a.url}/webchat/conversations?greet=0`, {})).body as Session;
      const onB = readEvents(stream(b.url, session), (events) => botMessages(events).length >= 1);
      expect((await say(a.url, session, 'Is ketamine addictive?')).status).toBe(200);
      const events = await onB;
      expect(events.map((e) => e.type)).toContain('message');
      expect(events[0]).toMatchObject({ text: 'Is ketamine addictive?', from: { role: 'user' } });
    });
  });
}
