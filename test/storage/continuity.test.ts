import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/chat/create-bot.js';
import { ReplySchema } from '../../src/core/reply.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { silentLogger } from '../../src/logger.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { post, startLoopback, type Loopback } from '../http/loopback.js';
import { freshDatabase, postgresForTests } from '../helpers/temp-postgres.js';
import { cachedUseLiteModel } from '../helpers/cached-use-lite.js';

/**
 * Two app instances ("replicas") over one database, each with its own bot and its own connection, as two processes
 * would be. Requests alternate between them (round-robin): a follow-up sent to the other replica must still resolve
 * against the first turn, and every turn of both lands in the one question log.
 */
const postgres = await postgresForTests();
const dir = mkdtempSync(join(tmpdir(), 'faq-bot-continuity-'));
const pgDb = postgres && (await freshDatabase(postgres.url));
afterAll(async () => {
  await pgDb?.drop();
  postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});
// The real model's vectors, memoised on disk per exact text (test/helpers/cached-use-lite.ts).
const embeddings = new UseLiteEmbeddings({ model: cachedUseLiteModel('real-bot') });
const targets = [
  { name: 'one SQLite file', url: `sqlite:${join(dir, 'bot.db')}` },
  ...(pgDb ? [{ name: 'one PostgreSQL', url: pgDb.url }] : []),
];

for (const target of targets) {
  describe(`two replicas on ${target.name}`, () => {
    const storages: Storage[] = [];
    const apps: Loopback[] = [];
    beforeAll(async () => {
      for (let i = 0; i < 2; i++) {
        const storage = await openStorage(
          { DATABASE_URL: target.url, CONVERSATION_TTL_MINUTES: 60, CONVERSATION_MAX: 100 },
          silentLogger,
        );
        storages.push(storage);
        const bot = await createBot({
          embeddings,
          conversations: storage.conversations,
          questionLog: storage.questionLog,
        });
        apps.push(await startLoopback(bot));
      }
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
      for (const storage of storages) await storage.close();
    });

    it('a follow-up sent to the other replica resolves against the first turn', async () => {
      const id = `replica-${target.name.length}-${Date.now()}`;
      const [a, b] = apps as [Loopback, Loopback];
      const first = ReplySchema.parse(
        (
          await post(
            `${a.url}/api/ask`,
            JSON.stringify({ message: 'What are the side effects of ketamine?', conversationId: id }),
          )
        ).json,
      );
      expect(first.kind).toBe('answer');
      const second = ReplySchema.parse(
        (await post(`${b.url}/api/ask`, JSON.stringify({ message: 'how long do they last?', conversationId: id })))
          .json,
      );
      expect(second.kind).toBe('answer');
      expect(second.citations.some((c) => /go away|short-lived|resolve|last long/.test(c.quote))).toBe(true);

      const logged = (await storages[0]!.questionLog.list()).filter((e) => e.conversationId === id);
      expect(logged.map((e) => e.question)).toEqual([
        'how long do they last?',
        'What are the side effects of ketamine?',
      ]);
      expect(logged.every((e) => e.channel === 'api' && e.kind === 'answer' && e.unitIds.length > 0)).toBe(true);
      expect(logged[0]?.answer).toBe(second.text);
    });

    it('a crisis turn is logged without its question or its answer', async () => {
      const id = `crisis-${target.name.length}-${Date.now()}`;
      const reply = ReplySchema.parse(
        (
          await post(
            `${apps[1]!.url}/api/ask`,
            JSON.stringify({ message: 'I am thinking about suicide', conversationId: id }),
          )
        ).json,
      );
      expect(reply.kind).toBe('crisis');
      const [entry] = (await storages[0]!.questionLog.list()).filter((e) => e.conversationId === id);
      expect(entry).toMatchObject({ kind: 'crisis', question: null, answer: null, channel: 'api' });
    });
  });
}
