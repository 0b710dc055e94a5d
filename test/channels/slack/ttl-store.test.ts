import { describe, expect, it } from 'vitest';
import { createTtlStore } from '../../../src/channels/slack/ttl-store.js';

describe('createTtlStore (lru-cache)', () => {
  it('forgets entries after their TTL, on an injected clock', () => {
    let now = 1_000;
    const store = createTtlStore<true>({ ttlMs: 100, max: 10, now: () => now });
    store.set('a', true);
    now += 99;
    expect(store.has('a')).toBe(true);
    now += 2;
    expect(store.has('a')).toBe(false);
    expect(store.get('a')).toBeUndefined();
  });

  it('keeps at most max entries, dropping the least recently used', () => {
    const store = createTtlStore<number>({ ttlMs: 60_000, max: 2 });
    store.set('a', 1);
    store.set('b', 2);
    store.set('c', 3);
    expect(store.size).toBe(2);
    expect(store.has('a')).toBe(false);
    expect([store.get('b'), store.get('c')]).toEqual([2, 3]);
  });

  it('claim: the first caller wins until the entry expires or is deleted', () => {
    let now = 5_000;
    const store = createTtlStore<true>({ ttlMs: 10, max: 10, now: () => now });
    expect(store.claim('k', true)).toBe(true);
    expect(store.claim('k', true)).toBe(false);
    store.delete('k');
    expect(store.claim('k', true)).toBe(true);
    now += 11;
    expect(store.claim('k', true)).toBe(true);
  });
});
