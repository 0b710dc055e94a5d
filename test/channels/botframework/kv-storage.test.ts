import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { KvStorage, StorageItemTooLargeError } from '../../../src/channels/botframework/kv-storage.js';
import { postgresForTests } from '../../helpers/temp-postgres.js';
import { enginesUnderTest } from '../../storage/engines.js';
import { expectCopiesWithNewETags, expectStaleETagRefused } from './storage-contract.js';

/** The Agents SDK Storage contract (MemoryStorage semantics) of KvStorage on memory, SQLite and PostgreSQL. */
const postgres = await postgresForTests();
afterAll(() => postgres?.stop());

for (const engine of enginesUnderTest(postgres)) {
  describe(`KvStorage (SDK Storage on kv): ${engine.name}`, () => {
    afterEach(() => engine.cleanup());
    const open = async (now?: () => number) => {
      const { storage, url } = await engine.open(now);
      return { bf: new KvStorage(storage.kv, { ttlMs: 60_000, maxItemChars: 10_000 }), storage, url };
    };

    it('reads back copies of what was written, each write with a new eTag', async () => {
      const { bf } = await open();
      await expectCopiesWithNewETags(bf);
    });

    it('refuses a stale eTag and keeps the newer item; * and no eTag always write; a batch conflict writes none', async () => {
      const { bf } = await open();
      await expectStaleETagRefused(bf);
      await expect(bf.write({ b: { value: 1 }, a: { value: 5, eTag: 'stale' } })).rejects.toThrow(/eTag conflict/);
      expect(await bf.read(['b'])).toEqual({});
      // An eTag for an item that is not stored writes it (MemoryStorage does the same).
      await bf.write({ c: { value: 1, eTag: 'from-elsewhere' } });
      expect((await bf.read(['c'])).c.value).toBe(1);
    });

    it('expires an item ttl after its last write; deletes; rejects empty reads/writes and oversized items', async () => {
      let now = 1_700_000_000_000;
      const { bf, storage } = await open(() => now);
      await bf.write({ idle: { value: 1 }, busy: { value: 1 } });
      now += 40_000;
      await bf.write({ busy: { value: 2 } });
      now += 40_000;
      expect(Object.keys(await bf.read(['idle', 'busy']))).toEqual(['busy']);
      expect(await storage.kv.sweep()).toBe(1);
      await bf.delete(['busy']);
      expect(await bf.read(['busy'])).toEqual({});
      await expect(bf.read([])).rejects.toThrow(ReferenceError);
      await expect(bf.write({})).rejects.toThrow(ReferenceError);
      await expect(bf.write({ big: { text: 'x'.repeat(10_000) } })).rejects.toBeInstanceOf(StorageItemTooLargeError);
      expect(await bf.read(['big'])).toEqual({});
    });

    if (engine.name !== 'memory') {
      it('two replicas writing from the same eTag: exactly one wins, and state survives a reopen', async () => {
        const { bf, url } = await open();
        const other = new KvStorage((await engine.reopen(url)).kv, { ttlMs: 60_000 });
        await bf.write({ conv: { turns: 0 } });
        for (let round = 1; round <= 5; round++) {
          const loaded = (await bf.read(['conv'])).conv;
          const results = await Promise.allSettled(
            [bf, other, bf, other].map((s, i) => s.write({ conv: { ...loaded, turns: round, by: i } })),
          );
          expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
          expect((await other.read(['conv'])).conv.turns).toBe(round);
        }
      });
    }
  });
}
