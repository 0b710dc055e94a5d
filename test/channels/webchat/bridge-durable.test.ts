import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DurableWebChatBridge } from '../../../src/channels/webchat/bridge-durable.js';
import type { BridgeActivity } from '../../../src/channels/webchat/bridge.js';
import { RetryLaterError } from '../../../src/errors.js';
import { postgresForTests } from '../../helpers/temp-postgres.js';
import { enginesUnderTest } from '../../storage/engines.js';

/**
 * The Web Chat bridge on real SQLite and PostgreSQL: sessions and replay logs survive a new bridge on a reopened
 * database (a restart), and a stream on one bridge sees what another bridge on the same database appended (replicas).
 */
const postgres = await postgresForTests();
afterAll(() => postgres?.stop());

const T0 = 1_700_000_000_000;
const msg = (id: string, text = id): BridgeActivity => ({ id, type: 'message', text });

for (const engine of enginesUnderTest(postgres).filter((e) => e.name !== 'memory')) {
  describe(`durable Web Chat bridge: ${engine.name}`, () => {
    const bridges: DurableWebChatBridge[] = [];
    const bridgeOn = (store: NonNullable<Awaited<ReturnType<typeof engine.open>>['storage']['webchat']>, over = {}) => {
      const bridge = new DurableWebChatBridge(store, { ttlMs: 60_000, max: 100, pollMs: 20, ...over });
      bridges.push(bridge);
      return bridge;
    };
    afterEach(async () => {
      for (const b of bridges.splice(0)) b.close();
      await engine.cleanup();
    });

    it('a session and its replay log survive a restart: same token, replay after Last-Event-ID', async () => {
      const { storage, url } = await engine.open();
      const before = bridgeOn(storage.webchat!);
      const started = await before.create();
      for (const id of ['1', '2', '3']) await before.push(started.conversationId, msg(id));
      await storage.close();

      const after = bridgeOn((await engine.reopen(url)).webchat!);
      expect(await after.authorize(started.conversationId, started.token)).toEqual({
        id: started.conversationId,
        userId: started.userId,
      });
      expect(await after.authorize(started.conversationId, `${started.token}x`)).toBeUndefined();
      expect(await after.authorize(started.conversationId, undefined)).toBeUndefined();
      const seen: [number, string][] = [];
      const stop = await after.subscribe(started.conversationId, 1, (seq, a) => seen.push([seq, a.id]));
      expect(seen).toEqual([
        [2, '2'],
        [3, '3'],
      ]);
      await after.push(started.conversationId, msg('4'));
      expect(seen.at(-1)).toEqual([4, '4']);
      stop();
    });

    it('a typing indicator never overtakes a reconnect replay: it is dropped while the log is read', async () => {
      const { storage } = await engine.open();
      const bridge = bridgeOn(storage.webchat!);
      const { conversationId } = await bridge.create();
      for (const id of ['1', '2', '3']) await bridge.push(conversationId, msg(id));
      const seen: [number, string, string][] = [];
      // The bot's typing arrives while the reconnecting stream's replay (after seq 1) is still being read.
      const subscribed = bridge.subscribe(conversationId, 1, (seq, a) => seen.push([seq, a.type, a.id]));
      await bridge.push(conversationId, { id: 't', type: 'typing' });
      const stop = await subscribed;
      expect(seen).toEqual([
        [2, 'message', '2'],
        [3, 'message', '3'],
      ]);
      stop();
    });

    it('a stream on one replica receives, in order, what the other replica appended', async () => {
      const { storage, url } = await engine.open();
      const a = bridgeOn(storage.webchat!);
      const b = bridgeOn((await engine.reopen(url)).webchat!);
      const { conversationId } = await a.create();
      const seen: string[] = [];
      const stop = await b.subscribe(conversationId, 0, (_seq, activity) => seen.push(activity.id));
      await a.push(conversationId, msg('from-a-1'));
      await a.push(conversationId, msg('from-a-2'));
      await vi.waitFor(() => expect(seen).toEqual(['from-a-1', 'from-a-2']), { timeout: 5000 });
      // A local push after remote ones it has not polled yet fills the gap first: nothing skipped, nothing twice.
      await a.push(conversationId, msg('from-a-3'));
      await b.push(conversationId, msg('from-b-4'));
      await vi.waitFor(() => expect(seen).toEqual(['from-a-1', 'from-a-2', 'from-a-3', 'from-b-4']), {
        timeout: 5000,
      });
      stop();
      expect(await a.push('unknown', msg('x'))).toBe(false);
    });

    it('streams a typing indicator live but does not log it (a replay of one would be stale)', async () => {
      const { storage } = await engine.open();
      const bridge = bridgeOn(storage.webchat!);
      const { conversationId } = await bridge.create();
      const live: string[] = [];
      const stop = await bridge.subscribe(conversationId, 0, (_seq, a) => live.push(a.type));
      await bridge.push(conversationId, { id: 't', type: 'typing' });
      await bridge.push(conversationId, msg('m'));
      stop();
      expect(live).toEqual(['typing', 'message']);
      const replayed: string[] = [];
      (await bridge.subscribe(conversationId, 0, (_seq, a) => replayed.push(a.type)))();
      expect(replayed).toEqual(['message']);
    });

    it('keeps each log within its count and character bounds, always keeping the newest', async () => {
      const { storage } = await engine.open();
      const bridge = bridgeOn(storage.webchat!, { keep: 3, keepChars: 5_000 });
      const small = await bridge.create();
      for (let n = 1; n <= 5; n++) await bridge.push(small.conversationId, msg(`s${n}`));
      const big = await bridge.create();
      for (let n = 1; n <= 3; n++) await bridge.push(big.conversationId, msg(`b${n}`, 'x'.repeat(3_000)));
      const replay = async (id: string) => {
        const ids: string[] = [];
        (await bridge.subscribe(id, 0, (_s, a) => ids.push(a.id)))();
        return ids;
      };
      expect(await replay(small.conversationId)).toEqual(['s3', 's4', 's5']);
      expect(await replay(big.conversationId)).toEqual(['b3']);
    });

    it('when full answers 503 busy with Retry-After; expired sessions are refused, make room and are swept', async () => {
      let now = T0;
      const { storage } = await engine.open(() => now);
      const bridge = bridgeOn(storage.webchat!, { ttlMs: 60_000, max: 2 });
      const first = await bridge.create();
      now += 10_000;
      await bridge.create();
      const refused = await bridge.create().catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RetryLaterError);
      expect(refused).toMatchObject({ status: 503, code: 'busy', retryAfterSeconds: 50 });
      now += 50_001;
      expect(await bridge.authorize(first.conversationId, first.token)).toBeUndefined();
      expect(await bridge.push(first.conversationId, msg('late'))).toBe(false);
      await bridge.create();
      expect(await storage.webchat!.sweep(24_000_000)).toBe(1);
    });

    it('the sweep keeps all logs within the overall budget by dropping the sessions idle the longest', async () => {
      let now = T0;
      const { storage } = await engine.open(() => now);
      const bridge = bridgeOn(storage.webchat!);
      const idle = await bridge.create();
      await bridge.push(idle.conversationId, msg('i', 'x'.repeat(2_000)));
      now += 1_000;
      const active = await bridge.create();
      await bridge.push(active.conversationId, msg('a', 'x'.repeat(2_000)));
      expect(await storage.webchat!.sweep(3_000)).toBe(1);
      expect(await bridge.authorize(idle.conversationId, idle.token)).toBeUndefined();
      expect(await bridge.authorize(active.conversationId, active.token)).toBeDefined();
    });
  });
}
