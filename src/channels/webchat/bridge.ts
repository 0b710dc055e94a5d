import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { RetryLaterError } from '../../errors.js';

/** An activity as the browser sees it (plain JSON). */
export type BridgeActivity = Record<string, unknown> & { id: string; type: string };

/** Receives a conversation's activities with their sequence number (the SSE event id). */
export type BridgeListener = (seq: number, activity: BridgeActivity) => void;

/**
 * What the router needs from a bridge: the in-memory {@link WebChatBridge} (one process) and the
 * `DurableWebChatBridge` on shared storage (restarts, replicas) both provide it.
 */
export interface WebChatBridgePort {
  /** Starts a conversation; throws 503 `busy` when full. */
  create():
    | { conversationId: string; token: string; userId: string }
    | Promise<{ conversationId: string; token: string; userId: string }>;
  /** The conversation if `token` is its token and it has not expired; renews it. */
  authorize(
    conversationId: string,
    token: string | undefined,
  ): { id: string; userId: string } | undefined | Promise<{ id: string; userId: string } | undefined>;
  /** A fresh activity id for this conversation. */
  nextId(conversationId: string): string;
  /** Appends an activity and hands it to every open stream; false for an unknown conversation. */
  push(conversationId: string, activity: BridgeActivity): boolean | Promise<boolean>;
  /** Replays activities after `afterSeq`, then streams new ones until the returned function is called. */
  subscribe(conversationId: string, afterSeq: number, listener: BridgeListener): (() => void) | Promise<() => void>;
}

/** Options for {@link WebChatBridge}. */
export interface WebChatBridgeOptions {
  /** Forget a conversation after this many ms without activity. */
  ttlMs: number;
  /**
   * Most live conversations. When full, {@link WebChatBridge.create} answers 503 `busy` instead of evicting one:
   * evicting let anyone log every user out by opening conversations in a loop.
   */
  max: number;
  /** Activities kept per conversation for SSE reconnects (Last-Event-ID replay). */
  keep?: number;
  /**
   * Most characters of JSON kept per conversation's replay log (older activities go first). The log only serves
   * reconnects: the page keeps its own transcript. Bounded so 10,000 open conversations cannot hold gigabytes.
   */
  keepChars?: number;
  /**
   * Most characters of replay logs over all conversations (default 24 million, about 48 MB): past it, the
   * conversation idle the longest goes first. Creation floods cannot trigger it (a new conversation holds about
   * 3k characters, so 10,000 of them stay far below); only many long, real conversations can.
   */
  maxChars?: number;
  /** Clock in ms, injectable for tests (lru-cache measures TTL with it). */
  now?: () => number;
}

interface BridgeConversation {
  id: string;
  token: string;
  userId: string;
  /** Newest last; `seq` is the SSE event id. */
  log: { seq: number; activity: BridgeActivity; chars: number }[];
  /** Sum of `chars` over `log`. */
  logChars: number;
  nextSeq: number;
  listeners: Set<(seq: number, activity: BridgeActivity) => void>;
}

/** The cache's value: a fresh wrapper on every set, so lru-cache re-measures the conversation's size. */
interface Entry {
  conversation: BridgeConversation;
}

/**
 * The Direct-Line-style half of the Web Chat channel: conversations with a secret token, a short activity log
 * per conversation, and live listeners (the SSE streams). It knows nothing about the bot; the router wires it
 * to the adapter. Bounded by TTL and size so an open website cannot grow memory without limit.
 */
export class WebChatBridge implements WebChatBridgePort {
  /** Keyed on last activity: a post, a stream (re)connect or a reply renews the TTL. */
  private readonly conversations: LRUCache<string, Entry>;
  private readonly keep: number;
  private readonly keepChars: number;

  constructor(private readonly options: WebChatBridgeOptions) {
    // 50 activities / 64k characters: a reconnect replays about 20 turns with their Sources cards (a card with four
    // citations is 2–3k characters), far more than the seconds of a dropped stream need.
    this.keep = options.keep ?? 50;
    this.keepChars = options.keepChars ?? 64_000;
    const now = options.now ?? Date.now;
    this.conversations = new LRUCache<string, Entry>({
      max: options.max,
      ttl: options.ttlMs,
      maxSize: options.maxChars ?? 24_000_000,
      // 1k for the conversation's own fields and token; the log is measured as it grows.
      sizeCalculation: (entry) => 1_000 + entry.conversation.logChars,
      perf: { now },
      // No cached clock reading: an expiry must be exact, including under an injected test clock.
      ttlResolution: 0,
      // Open streams lose their conversation when it expires; closing them tells the page to start a new one.
      dispose: (entry) => entry.conversation.listeners.clear(),
    });
  }

  /** Starts a conversation; the token authorises posting to and reading from it. Throws 503 `busy` when full. */
  create(): { conversationId: string; token: string; userId: string } {
    if (this.conversations.size >= this.options.max) {
      this.conversations.purgeStale();
      if (this.conversations.size >= this.options.max) {
        const oldest = this.conversations.rkeys().next().value;
        const waitMs = oldest === undefined ? 1000 : this.conversations.getRemainingTTL(oldest);
        // At most a minute: a retry soon may find a conversation that ended early.
        throw new RetryLaterError(
          'The chat is full right now; try again in a minute.',
          'busy',
          503,
          Math.min(60, Math.max(1, waitMs / 1000)),
        );
      }
    }
    const conversation: BridgeConversation = {
      id: randomUUID(),
      token: randomBytes(24).toString('base64url'),
      userId: `webchat-user-${randomUUID()}`,
      log: [],
      logChars: 0,
      nextSeq: 1,
      listeners: new Set(),
    };
    this.conversations.set(conversation.id, { conversation });
    return { conversationId: conversation.id, token: conversation.token, userId: conversation.userId };
  }

  /** The conversation if `token` is its token (constant-time compare) and it has not expired; renews it. */
  authorize(conversationId: string, token: string | undefined): { id: string; userId: string } | undefined {
    const conversation = this.conversations.peek(conversationId)?.conversation;
    if (!conversation || token === undefined) return undefined;
    const a = Buffer.from(conversation.token);
    const b = Buffer.from(token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
    this.touch(conversationId);
    return { id: conversation.id, userId: conversation.userId };
  }

  /** A fresh activity id for this conversation (Direct Line style `conversationId|seq`). */
  nextId(conversationId: string): string {
    return `${conversationId}|${randomBytes(6).toString('hex')}`;
  }

  /** Appends an activity and hands it to every open stream. Unknown conversations drop it (and say so). */
  push(conversationId: string, activity: BridgeActivity): boolean {
    const conversation = this.touch(conversationId);
    if (!conversation) return false;
    const seq = conversation.nextSeq++;
    const chars = JSON.stringify(activity).length;
    conversation.log.push({ seq, activity, chars });
    conversation.logChars += chars;
    while (
      conversation.log.length > 1 &&
      (conversation.log.length > this.keep || conversation.logChars > this.keepChars)
    ) {
      conversation.logChars -= (conversation.log.shift() as { chars: number }).chars;
    }
    // A new entry object makes lru-cache re-measure the conversation against the overall budget (setting the same
    // object again keeps its old size).
    this.conversations.set(conversationId, { conversation }, { noDisposeOnSet: true });
    for (const listener of conversation.listeners) listener(seq, activity);
    return true;
  }

  /** Replays activities after `afterSeq` (0 = all kept), then streams new ones until unsubscribed. */
  subscribe(
    conversationId: string,
    afterSeq: number,
    listener: (seq: number, activity: BridgeActivity) => void,
  ): () => void {
    const conversation = this.conversations.peek(conversationId)?.conversation;
    if (!conversation) return () => {};
    for (const entry of conversation.log) if (entry.seq > afterSeq) listener(entry.seq, entry.activity);
    conversation.listeners.add(listener);
    return () => conversation.listeners.delete(listener);
  }

  get size(): number {
    return this.conversations.size;
  }

  /** Renews the conversation's TTL (re-setting it restarts the clock) and returns it, unless it expired. */
  private touch(id: string): BridgeConversation | undefined {
    const conversation = this.conversations.get(id)?.conversation;
    if (conversation) this.conversations.set(id, { conversation }, { noDisposeOnSet: true });
    return conversation;
  }
}
