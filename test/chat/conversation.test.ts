import { describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../../src/storage/memory/memory-conversation-store.js';
import { newConversation } from '../../src/core/conversation.js';

describe('MemoryConversationStore', () => {
  it('returns a copy: changing a loaded conversation does not change the stored one until saved', async () => {
    const store = new MemoryConversationStore({ ttlMs: 60_000, max: 10 });
    const c = newConversation('c1');
    await store.save(c);
    const loaded = await store.get('c1');
    loaded?.turns.push({ message: 'x', resolvedQuery: 'x', kind: 'answer', topic: [], chunkIds: [], at: 0 });
    expect((await store.get('c1'))?.turns).toEqual([]);
  });

  it('forgets a conversation after the TTL without a turn', async () => {
    let now = 0;
    const store = new MemoryConversationStore({ ttlMs: 1000, max: 10, now: () => 1_700_000_000_000 + now }); // lru-cache reads a start time of 0 as "no TTL";
    await store.save(newConversation('c1'));
    now = 999;
    expect(await store.get('c1')).toBeDefined();
    now = 2001;
    expect(await store.get('c1')).toBeUndefined();
  });

  it('evicts the least recently saved conversation beyond max', async () => {
    const store = new MemoryConversationStore({ ttlMs: 60_000, max: 2 });
    await store.save(newConversation('a'));
    await store.save(newConversation('b'));
    await store.save(newConversation('a'));
    await store.save(newConversation('c'));
    expect(store.size).toBe(2);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
  });

  it('newConversation makes unique ids unless given one', () => {
    expect(newConversation().id).not.toBe(newConversation().id);
    expect(newConversation('given').id).toBe('given');
  });
});
