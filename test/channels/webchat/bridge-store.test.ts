import { describe, expect, it } from 'vitest';
import { WebChatBridge } from '../../../src/channels/webchat/bridge.js';

describe('WebChatBridge', () => {
  it('authorises only the conversation token, and forgets idle conversations after the TTL', () => {
    let now = 0;
    const bridge = new WebChatBridge({ ttlMs: 1000, max: 10, now: () => now });
    const a = bridge.create();
    expect(bridge.authorize(a.conversationId, a.token)?.userId).toBe(a.userId);
    expect(bridge.authorize(a.conversationId, `${a.token}x`)).toBeUndefined();
    expect(bridge.authorize(a.conversationId, undefined)).toBeUndefined();
    now = 1001;
    expect(bridge.authorize(a.conversationId, a.token)).toBeUndefined();
  });

  it('keeps at most `max` conversations, dropping the oldest', () => {
    const bridge = new WebChatBridge({ ttlMs: 60_000, max: 2 });
    const first = bridge.create();
    bridge.create();
    bridge.create();
    expect(bridge.size).toBe(2);
    expect(bridge.authorize(first.conversationId, first.token)).toBeUndefined();
  });

  it('replays the kept log after a sequence number and streams new activities', () => {
    const bridge = new WebChatBridge({ ttlMs: 60_000, max: 10, keep: 2 });
    const { conversationId } = bridge.create();
    for (const id of ['1', '2', '3']) bridge.push(conversationId, { id, type: 'message' });
    const seen: string[] = [];
    const stop = bridge.subscribe(conversationId, 0, (_seq, activity) => seen.push(activity.id));
    expect(seen).toEqual(['2', '3']); // only the last `keep` are kept
    bridge.push(conversationId, { id: '4', type: 'message' });
    stop();
    bridge.push(conversationId, { id: '5', type: 'message' });
    expect(seen).toEqual(['2', '3', '4']);
    expect(bridge.push('unknown', { id: 'x', type: 'message' })).toBe(false);
  });
});
