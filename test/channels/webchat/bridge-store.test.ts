import { describe, expect, it } from 'vitest';
import { WebChatBridge } from '../../../src/channels/webchat/bridge.js';
import { RetryLaterError } from '../../../src/errors.js';

/** lru-cache treats a start time of 0 as "no TTL": test clocks start somewhere real. */
const T0 = 1_700_000_000_000;

describe('WebChatBridge', () => {
  it('authorises only the conversation token, and forgets idle conversations after the TTL', () => {
    let now = 0;
    const bridge = new WebChatBridge({ ttlMs: 1000, max: 10, now: () => T0 + now });
    const a = bridge.create();
    expect(bridge.authorize(a.conversationId, a.token)?.userId).toBe(a.userId);
    expect(bridge.authorize(a.conversationId, `${a.token}x`)).toBeUndefined();
    expect(bridge.authorize(a.conversationId, undefined)).toBeUndefined();
    now = 1001;
    expect(bridge.authorize(a.conversationId, a.token)).toBeUndefined();
  });

  it('when full, refuses a new conversation with 503 busy + Retry-After instead of evicting a live one', () => {
    let now = 0;
    const bridge = new WebChatBridge({ ttlMs: 60_000, max: 2, now: () => T0 + now });
    const first = bridge.create();
    now = 10_000;
    const second = bridge.create();
    let refused: unknown;
    try {
      bridge.create();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(RetryLaterError);
    expect(refused).toMatchObject({ status: 503, code: 'busy' });
    // The oldest expires 50 s from now: that is when to come back.
    expect((refused as RetryLaterError).retryAfterSeconds).toBe(50);
    expect(bridge.size).toBe(2);
    expect(bridge.authorize(first.conversationId, first.token)?.userId).toBe(first.userId);
    expect(bridge.authorize(second.conversationId, second.token)?.userId).toBe(second.userId);
  });

  it('an active conversation outlives idle ones: activity renews the TTL, and expired ones make room', () => {
    let now = 0;
    const bridge = new WebChatBridge({ ttlMs: 1000, max: 2, now: () => T0 + now });
    const active = bridge.create();
    const idle = bridge.create();
    now = 900;
    bridge.push(active.conversationId, { id: 'a', type: 'message' });
    now = 1500;
    expect(bridge.authorize(idle.conversationId, idle.token)).toBeUndefined();
    const third = bridge.create();
    expect(bridge.authorize(active.conversationId, active.token)?.userId).toBe(active.userId);
    expect(bridge.authorize(third.conversationId, third.token)?.userId).toBe(third.userId);
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

  it('keeps a replay log bounded by count and characters, and the whole bridge bounded by characters', () => {
    const bridge = new WebChatBridge({
      ttlMs: 60_000,
      max: 100,
      keep: 50,
      keepChars: 5_000,
      maxChars: 20_000,
      now: () => T0,
    });
    const big = (n: number) => ({ id: `a${n}`, type: 'message', text: 'x'.repeat(900) });
    const idle = bridge.create();
    const busy = bridge.create();
    for (let n = 0; n < 20; n++) bridge.push(busy.conversationId, big(n));
    const replayed: number[] = [];
    bridge.subscribe(busy.conversationId, 0, (seq) => replayed.push(seq));
    // 20 activities of ~950 characters under a 5,000-character log: only the newest few are replayed.
    expect(replayed.length).toBeGreaterThan(0);
    expect(replayed.length).toBeLessThanOrEqual(5);
    expect(replayed.at(-1)).toBe(20);
    // Fill the bridge past its overall budget: the conversation idle the longest goes first, the active ones stay.
    const others = Array.from({ length: 4 }, () => bridge.create());
    for (const o of others) for (let n = 0; n < 5; n++) bridge.push(o.conversationId, big(n));
    expect(bridge.authorize(idle.conversationId, idle.token)).toBeUndefined();
    expect(bridge.authorize(others.at(-1)!.conversationId, others.at(-1)!.token)).toBeDefined();
  });
});
