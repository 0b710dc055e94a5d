import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { WebChatSessionStore } from '../../core/webchat-sessions.js';
import { RetryLaterError } from '../../errors.js';
import type { BridgeActivity, BridgeListener, WebChatBridgePort } from './bridge.js';

/** Options for {@link DurableWebChatBridge}. */
export interface DurableWebChatBridgeOptions {
  /** Forget a conversation after this many ms without activity. */
  ttlMs: number;
  /** Most live conversations; when full, `create` answers 503 `busy` (as the in-memory bridge does). */
  max: number;
  /** Activities kept per conversation for reconnects (default 50, as in memory). */
  keep?: number;
  /** Most characters of JSON kept per conversation's log (default 64k, as in memory). */
  keepChars?: number;
  /** Most characters of all logs together, enforced by the periodic sweep (default 24 million, as in memory). */
  maxChars?: number;
  /**
   * How often open streams look for activities another replica appended (ms). 200 ms: a reply produced on the other
   * replica shows up ~100 ms later on average (measured in `bench/webchat-sessions.ts`), against turns that take
   * 35–100 ms; one small indexed query per interval per replica, and none while no stream is open.
   */
  pollMs?: number;
  /** How often expired sessions are swept and the overall character budget applied (default one minute). */
  sweepMs?: number;
  /** Told about failed polls and sweeps (they are retried at the next tick). */
  onError?: (what: string, error: unknown) => void;
}

interface Stream {
  lastSeq: number;
  listener: BridgeListener;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * The Web Chat bridge on shared storage: sessions (id, token hash, expiry) and replay logs live in the database, so
 * a restart or another replica keeps the conversation and its Last-Event-ID replay. Live fan-out stays in process:
 * an activity appended here is delivered to this process's streams at once; one appended by another replica is
 * found by polling the log for the conversations that have a stream here. Every delivery is in sequence order
 * (a gap is filled from the log first), so a stream never skips or repeats an activity.
 */
export class DurableWebChatBridge implements WebChatBridgePort {
  private readonly streams = new Map<string, Set<Stream>>();
  /** Per conversation: the catch-up read in flight, so reads for one conversation never overlap. */
  private readonly catchingUp = new Map<string, Promise<void>>();
  private poller: NodeJS.Timeout | undefined;
  private polling = false;
  private readonly sweeper: NodeJS.Timeout;
  private readonly bounds: { keep: number; keepChars: number; ttlMs: number };

  constructor(
    private readonly store: WebChatSessionStore,
    private readonly options: DurableWebChatBridgeOptions,
  ) {
    // The same bounds as the in-memory bridge (see bridge.ts for where the numbers come from).
    this.bounds = { keep: options.keep ?? 50, keepChars: options.keepChars ?? 64_000, ttlMs: options.ttlMs };
    this.sweeper = setInterval(() => {
      this.store
        .sweep(options.maxChars ?? 24_000_000)
        .catch((error: unknown) => this.options.onError?.('sweep', error));
    }, options.sweepMs ?? 60_000);
    this.sweeper.unref();
  }

  async create(): Promise<{ conversationId: string; token: string; userId: string }> {
    const started = {
      conversationId: randomUUID(),
      token: randomBytes(24).toString('base64url'),
      userId: `webchat-user-${randomUUID()}`,
    };
    const result = await this.store.create(
      { id: started.conversationId, tokenHash: sha256(started.token), userId: started.userId },
      { ttlMs: this.options.ttlMs, max: this.options.max },
    );
    if (!result.created) {
      // At most a minute: a retry soon may find a conversation that ended early.
      throw new RetryLaterError(
        'The chat is full right now; try again in a minute.',
        'busy',
        503,
        Math.min(60, Math.max(1, result.retryAfterMs / 1000)),
      );
    }
    return started;
  }

  async authorize(conversationId: string, token: string | undefined) {
    if (token === undefined) return undefined;
    const userId = await this.store.authorize(conversationId, sha256(token), this.options.ttlMs);
    return userId === undefined ? undefined : { id: conversationId, userId };
  }

  nextId(conversationId: string): string {
    return `${conversationId}|${randomBytes(6).toString('hex')}`;
  }

  async push(conversationId: string, activity: BridgeActivity): Promise<boolean> {
    // A typing indicator is only worth showing live: it is not logged (a replay of one is stale, and skipping the
    // write saves a turn about a third of its storage cost), so only this process's streams get it.
    if (activity.type === 'typing') {
      // Not while the log is being read to a stream (a reconnect's replay): it would overtake the activities still
      // being delivered, e.g. show up before the visitor's own message. Dropping one indicator costs nothing.
      if (this.catchingUp.has(conversationId)) return true;
      for (const stream of this.streams.get(conversationId) ?? []) stream.listener(stream.lastSeq, activity);
      return true;
    }
    const seq = await this.store.append(conversationId, JSON.stringify(activity), this.bounds);
    if (seq === undefined) return false;
    const streams = this.streams.get(conversationId);
    if (!streams) return true;
    // Fast path: every stream is right behind this activity. Otherwise something from another replica (or an
    // activity still being replayed) comes first: read the log in order.
    if ([...streams].every((s) => s.lastSeq === seq - 1) && !this.catchingUp.has(conversationId)) {
      for (const stream of streams) this.deliver(stream, seq, activity);
    } else void this.catchUp(conversationId);
    return true;
  }

  async subscribe(conversationId: string, afterSeq: number, listener: BridgeListener): Promise<() => void> {
    const stream: Stream = { lastSeq: afterSeq, listener };
    let streams = this.streams.get(conversationId);
    if (!streams) {
      streams = new Set();
      this.streams.set(conversationId, streams);
    }
    streams.add(stream);
    this.startPolling();
    // The replay: everything logged after the client's Last-Event-ID.
    await this.catchUp(conversationId);
    return () => {
      const set = this.streams.get(conversationId);
      set?.delete(stream);
      if (set?.size === 0) this.streams.delete(conversationId);
      if (this.streams.size === 0) this.stopPolling();
    };
  }

  /** Stops the timers (tests; the server's timers are unref'd). */
  close(): void {
    clearInterval(this.sweeper);
    this.stopPolling();
  }

  private deliver(stream: Stream, seq: number, activity: BridgeActivity): void {
    if (seq <= stream.lastSeq) return;
    stream.lastSeq = seq;
    stream.listener(seq, activity);
  }

  /** Reads the log after the slowest stream of the conversation and delivers in order; one read at a time. */
  private catchUp(conversationId: string): Promise<void> {
    const previous = this.catchingUp.get(conversationId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const streams = this.streams.get(conversationId);
      if (!streams || streams.size === 0) return;
      const afterSeq = Math.min(...[...streams].map((s) => s.lastSeq));
      this.deliverRows(await this.store.after([{ id: conversationId, afterSeq }]));
    });
    const settled = next.finally(() => {
      if (this.catchingUp.get(conversationId) === settled) this.catchingUp.delete(conversationId);
    });
    this.catchingUp.set(conversationId, settled);
    return next;
  }

  private deliverRows(rows: { id: string; seq: number; json: string }[]): void {
    for (const row of rows) {
      const streams = this.streams.get(row.id);
      if (!streams) continue;
      const activity = JSON.parse(row.json) as BridgeActivity;
      for (const stream of streams) this.deliver(stream, row.seq, activity);
    }
  }

  private startPolling(): void {
    if (this.poller) return;
    this.poller = setInterval(() => void this.poll(), this.options.pollMs ?? 200);
    this.poller.unref();
  }

  private stopPolling(): void {
    clearInterval(this.poller);
    this.poller = undefined;
  }

  /** One query for every conversation with a stream here (and no read of its own in flight). */
  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const cursors = [...this.streams]
        .filter(([id]) => !this.catchingUp.has(id))
        .map(([id, streams]) => ({ id, afterSeq: Math.min(...[...streams].map((s) => s.lastSeq)) }));
      if (cursors.length > 0) this.deliverRows(await this.store.after(cursors));
    } catch (error) {
      this.options.onError?.('poll', error);
    } finally {
      this.polling = false;
    }
  }
}
