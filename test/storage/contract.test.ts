import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Feedback } from '../../src/core/feedback.js';
import type { QuestionLogEntry } from '../../src/core/question-log.js';
import { MIGRATION_NAMES } from '../../src/storage/migrations.js';
import { StorageError } from '../../src/storage/errors.js';
import { postgresForTests } from '../helpers/temp-postgres.js';
import { enginesUnderTest, TTL_MINUTES } from './engines.js';

const postgres = await postgresForTests();
afterAll(() => postgres?.stop());

const vote = (over: Partial<Feedback>): Feedback => ({
  conversationId: 'c1',
  turnId: 't1',
  voterId: 'u1',
  kind: 'answer',
  rating: 'up',
  channel: 'webchat',
  ...over,
});

const entry = (over: Partial<QuestionLogEntry>): QuestionLogEntry => ({
  turnId: 't1',
  conversationId: 'c1',
  at: '2026-01-01T10:00:00.000Z',
  channel: 'api',
  kind: 'answer',
  confidence: 0.8,
  question: 'What is ketamine?',
  answer: 'An anesthetic [1].',
  unitIds: ['doc#1', 'doc#2'],
  ...over,
});

for (const engine of enginesUnderTest(postgres)) {
  describe(`storage contract: ${engine.name}`, () => {
    afterEach(() => engine.cleanup());

    it('feedback is an upsert per (turn, voter): a changed vote replaces the old one, an un-vote is stored', async () => {
      const { storage } = await engine.open();
      await storage.feedback.vote(vote({ rating: 'up', at: '2026-01-01T10:00:00.000Z' }));
      await storage.feedback.vote(vote({ rating: 'down', comment: 'wrong', at: '2026-01-01T10:01:00.000Z' }));
      await storage.feedback.vote(vote({ voterId: 'u2', rating: 'up', at: '2026-01-01T10:02:00.000Z' }));
      expect(await storage.feedback.list()).toEqual([
        vote({ voterId: 'u2', rating: 'up', at: '2026-01-01T10:02:00.000Z' }),
        vote({ rating: 'down', comment: 'wrong', at: '2026-01-01T10:01:00.000Z' }),
      ]);
      await storage.feedback.vote(vote({ rating: 'none', at: '2026-01-01T10:03:00.000Z' }));
      const current = await storage.feedback.list();
      expect(current).toHaveLength(2);
      // The un-vote is the current vote (and the old comment is gone with the thumbs-down it belonged to).
      expect(current[0]).toEqual(vote({ rating: 'none', at: '2026-01-01T10:03:00.000Z' }));
      expect(await storage.feedback.list({ rating: 'down' })).toEqual([]);
      expect(await storage.feedback.list({ since: '2026-01-01T10:02:30.000Z' })).toHaveLength(1);
      expect(await storage.feedback.list({ limit: 1 })).toHaveLength(1);
    });

    it('feedback without a time gets the current time', async () => {
      const { storage } = await engine.open();
      const before = new Date().toISOString();
      await storage.feedback.vote(vote({}));
      const [stored] = await storage.feedback.list();
      expect(stored?.at && stored.at >= before).toBe(true);
    });

    it('question log: append, get, filters, newest first; a crisis turn keeps no text', async () => {
      const { storage } = await engine.open();
      const log = storage.questionLog;
      await log.append(entry({}));
      await log.append(entry({ turnId: 't2', at: '2026-01-01T11:00:00.000Z', kind: 'no_answer', confidence: 0.05 }));
      const crisis = entry({
        turnId: 't3',
        at: '2026-01-01T12:00:00.000Z',
        kind: 'crisis',
        question: null,
        answer: null,
      });
      delete crisis.confidence;
      await log.append({ ...crisis, unitIds: [] });
      const refusal = entry({ turnId: 't4', at: '2026-01-01T13:00:00.000Z', kind: 'refusal', category: 'dosing' });
      delete refusal.confidence;
      await log.append(refusal);
      // The same turn id again is ignored (a retried write must not duplicate or overwrite).
      await log.append(entry({ question: 'changed' }));

      expect(await log.get('t1')).toEqual(entry({}));
      expect(await log.get('t3')).toMatchObject({ kind: 'crisis', question: null, answer: null });
      expect(await log.get('missing')).toBeUndefined();
      expect((await log.list()).map((e) => e.turnId)).toEqual(['t4', 't3', 't2', 't1']);
      expect((await log.list({ kinds: ['no_answer', 'answer'] })).map((e) => e.turnId)).toEqual(['t2', 't1']);
      expect((await log.list({ maxConfidence: 0.1 })).map((e) => e.turnId)).toEqual(['t4', 't3', 't2']);
      expect((await log.list({ since: '2026-01-01T11:30:00.000Z' })).map((e) => e.turnId)).toEqual(['t4', 't3']);
      expect(await log.list({ limit: 2 })).toHaveLength(2);
      expect(await log.get('t4')).toEqual(refusal);
    });

    it('question log retention: purgeBefore deletes only older entries and counts them', async () => {
      const { storage } = await engine.open();
      await storage.questionLog.append(entry({ turnId: 'old', at: '2025-01-01T00:00:00.000Z' }));
      await storage.questionLog.append(entry({ turnId: 'new', at: '2026-06-01T00:00:00.000Z' }));
      expect(await storage.questionLog.purgeBefore('2026-01-01T00:00:00.000Z')).toBe(1);
      expect((await storage.questionLog.list()).map((e) => e.turnId)).toEqual(['new']);
      expect(await storage.questionLog.purgeBefore('2026-01-01T00:00:00.000Z')).toBe(0);
    });

    it('conversations: saved state comes back; it expires after the TTL unless saved again; sweep deletes it', async () => {
      let now = 1_000_000;
      const { storage } = await engine.open(() => now);
      const turn = { message: 'hi', resolvedQuery: 'hi', kind: 'smalltalk' as const, topic: [], chunkIds: [], at: 1 };
      await storage.conversations.save({ id: 'a', turns: [turn] });
      await storage.conversations.save({ id: 'b', turns: [] });
      expect(await storage.conversations.get('a')).toEqual({ id: 'a', turns: [turn] });
      now += TTL_MINUTES * 60_000 - 1;
      await storage.conversations.save({ id: 'b', turns: [turn, turn] });
      now += 2;
      expect(await storage.conversations.sweep()).toBe(1);
      expect(await storage.conversations.sweep()).toBe(0);
      expect(await storage.conversations.get('a')).toBeUndefined();
      expect(await storage.conversations.get('b')).toEqual({ id: 'b', turns: [turn, turn] });
      // Expired but not yet swept: reads still never return it.
      now += TTL_MINUTES * 60_000;
      expect(await storage.conversations.get('b')).toBeUndefined();
    });

    it('kv: claim is first-caller-wins until the TTL passes; set, get, delete, sweep', async () => {
      let now = 5_000_000;
      const { storage } = await engine.open(() => now);
      expect(await storage.kv.claim('slack:events', 'E1', '1', 1000)).toBe(true);
      expect(await storage.kv.claim('slack:events', 'E1', '1', 1000)).toBe(false);
      expect(await storage.kv.claim('other', 'E1', '1', 1000)).toBe(true);
      await storage.kv.set('state', 'k', '{"a":1}');
      expect(await storage.kv.get('state', 'k')).toBe('{"a":1}');
      await storage.kv.set('state', 'k', '{"a":2}', 500);
      expect(await storage.kv.get('state', 'k')).toBe('{"a":2}');
      now += 1000;
      expect(await storage.kv.get('state', 'k')).toBeUndefined();
      expect(await storage.kv.claim('slack:events', 'E1', '2', 1000)).toBe(true);
      expect(await storage.kv.get('slack:events', 'E1')).toBe('2');
      expect(await storage.kv.sweep()).toBe(2);
      await storage.kv.delete('slack:events', 'E1');
      expect(await storage.kv.claim('slack:events', 'E1', '3', 1000)).toBe(true);
    });

    it('review decisions are kept in full, newest first', async () => {
      const { storage } = await engine.open();
      await storage.reviews.decide({ clusterKey: 'k1', action: 'dismiss', by: 'cli', at: '2026-01-01T10:00:00.000Z' });
      const accept = {
        clusterKey: 'k1',
        action: 'accept' as const,
        unitId: 'unit-1',
        question: 'Is it addictive?',
        by: 'admin',
        at: '2026-01-01T11:00:00.000Z',
      };
      await storage.reviews.decide(accept);
      await storage.reviews.decide({ clusterKey: 'k2', action: 'not_covered', by: 'admin', at: accept.at });
      const list = await storage.reviews.list();
      expect(list.map((d) => d.action)).toEqual(['not_covered', 'accept', 'dismiss']);
      expect(list[1]).toEqual(accept);
    });

    it('ping answers while open; a closed store rejects writes with StorageError instead of pretending', async () => {
      const { storage } = await engine.open();
      await expect(storage.ping()).resolves.toBeUndefined();
      if (engine.name === 'memory') return;
      await storage.close();
      await expect(storage.ping()).rejects.toThrow();
      await expect(storage.feedback.vote(vote({}))).rejects.toBeInstanceOf(StorageError);
      await expect(storage.questionLog.append(entry({}))).rejects.toBeInstanceOf(StorageError);
    });

    if (engine.name !== 'memory') {
      it('kv claim across two connections (two replicas): exactly one wins each key', async () => {
        const { storage, url } = await engine.open();
        const other = await engine.reopen(url);
        for (let k = 0; k < 5; k++) {
          const wins = await Promise.all(
            Array.from({ length: 10 }, (_, i) =>
              (i % 2 ? storage : other).kv.claim('slack:events', `E${k}`, 'x', 60_000),
            ),
          );
          expect(wins.filter(Boolean)).toHaveLength(1);
        }
      });

      it('migrations are idempotent and data survives a reopen', async () => {
        const { storage, url } = await engine.open();
        await storage.feedback.vote(vote({ at: '2026-01-01T10:00:00.000Z' }));
        await storage.close();
        const again = await engine.reopen(url);
        expect(await again.feedback.list()).toEqual([vote({ at: '2026-01-01T10:00:00.000Z' })]);
        expect(MIGRATION_NAMES).toEqual(['0001_initial', '0002_kv']);
      });
    }
  });
}
