import type { Storage } from '@microsoft/agents-hosting';
import { expect } from 'vitest';
import { StorageETagConflictError } from '../../../src/channels/botframework/lru-storage.js';

/**
 * The parts of the Agents SDK Storage contract (MemoryStorage semantics) that LruStorage and KvStorage share, as
 * assertions on a fresh, empty `storage`: each test file runs them on its own store.
 */

/** Reads back copies of what was written (changing one changes nothing stored), each write with a new eTag. */
export async function expectCopiesWithNewETags(storage: Storage): Promise<void> {
  await storage.write({ a: { value: 1 } });
  const first = await storage.read(['a', 'missing']);
  expect(Object.keys(first)).toEqual(['a']);
  expect(first.a.value).toBe(1);
  first.a.value = 99; // a copy: changing it changes nothing stored
  expect((await storage.read(['a'])).a.value).toBe(1);
  await storage.write({ a: { ...first.a, value: 2 } });
  const second = await storage.read(['a']);
  expect(second.a.value).toBe(2);
  expect(second.a.eTag).not.toBe(first.a.eTag);
}

/** Refuses a write with a stale eTag and keeps the newer item; `*` always writes. Leaves `a` at value 4. */
export async function expectStaleETagRefused(storage: Storage): Promise<void> {
  await storage.write({ a: { value: 1 } });
  const loaded = (await storage.read(['a'])).a;
  await storage.write({ a: { ...loaded, value: 2 } });
  await expect(storage.write({ a: { ...loaded, value: 3 } })).rejects.toBeInstanceOf(StorageETagConflictError);
  expect((await storage.read(['a'])).a.value).toBe(2);
  await storage.write({ a: { value: 4, eTag: '*' } });
  expect((await storage.read(['a'])).a.value).toBe(4);
}
