import { describe, expect, it } from 'vitest';
import { LruStorage } from '../../../src/channels/botframework/lru-storage.js';
import { expectCopiesWithNewETags, expectStaleETagRefused } from './storage-contract.js';

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('LruStorage (the SDK Storage interface, bounded and expiring)', () => {
  it('reads back copies of what was written, each write with a new eTag', async () => {
    await expectCopiesWithNewETags(new LruStorage({ max: 10, ttlMs: 60_000 }));
  });

  it('refuses a write with a stale eTag (as MemoryStorage does) and keeps the newer item; * always writes', async () => {
    await expectStaleETagRefused(new LruStorage({ max: 10, ttlMs: 60_000 }));
  });

  it('a conflict on one key of a batch writes none of it', async () => {
    const storage = new LruStorage({ max: 10, ttlMs: 60_000 });
    await storage.write({ a: { value: 1 } });
    await expect(storage.write({ b: { value: 1 }, a: { value: 2, eTag: 'stale' } })).rejects.toThrow(/eTag conflict/);
    expect(await storage.read(['b'])).toEqual({});
  });

  it('forgets an item after the TTL without reads or writes, and keeps one that is used', async () => {
    const time = clock();
    const storage = new LruStorage({ max: 10, ttlMs: 60_000, now: time.now });
    await storage.write({ idle: { value: 1 }, busy: { value: 1 } });
    time.advance(40_000);
    await storage.read(['busy']);
    time.advance(40_000);
    const items = await storage.read(['idle', 'busy']);
    expect(Object.keys(items)).toEqual(['busy']);
  });

  it('holds at most max items, evicting the least recently used', async () => {
    const storage = new LruStorage({ max: 100, ttlMs: 60_000 });
    for (let i = 0; i < 1000; i++) await storage.write({ [`conversation-${i}`]: { value: i } });
    expect(storage.size).toBe(100);
    expect(await storage.read(['conversation-0', 'conversation-899'])).toEqual({});
    expect((await storage.read(['conversation-999']))['conversation-999'].value).toBe(999);
  });

  it('deletes, and rejects empty reads and writes like the SDK storage', async () => {
    const storage = new LruStorage({ max: 10, ttlMs: 60_000 });
    await storage.write({ a: { value: 1 } });
    await storage.delete(['a']);
    expect(await storage.read(['a'])).toEqual({});
    await expect(storage.read([])).rejects.toThrow(ReferenceError);
    await expect(storage.write({})).rejects.toThrow(ReferenceError);
  });

  it('bounds the stored JSON by characters, not only by count: the least recently used item goes first', async () => {
    const storage = new LruStorage({ max: 1_000, ttlMs: 60_000, maxChars: 10_000 });
    for (let n = 0; n < 5; n++) await storage.write({ [`c${n}`]: { text: 'x'.repeat(3_000) } });
    const kept = await storage.read(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(Object.keys(kept)).toEqual(['c2', 'c3', 'c4']);
  });
});
