import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** An activity as the browser sees it (plain JSON). */
export type BridgeActivity = Record<string, unknown> & { id: string; type: string };

/** Options for {@link WebChatBridge}. */
export interface WebChatBridgeOptions {
  /** Forget a conversation after this many ms without activity. */
  ttlMs: number;
  /** Most live conversations; the least recently used is dropped first. */
  max: number;
  /** Activities kept per conversation for SSE reconnects (Last-Event-ID replay). */
  keep?: number;
  now?: () => number;
}

interface BridgeConversation {
  id: string;
  token: string;
  userId: string;
  /** Newest last; `seq` is the SSE event id. */
  log: { seq: number; activity: BridgeActivity }[];
  nextSeq: number;
  listeners: Set<(seq: number, activity: BridgeActivity) => void>;
  touched: number;
}

/**
 * The Direct-Line-style half of the Web Chat channel: conversations with a secret token, a short activity log
 * per conversation, and live listeners (the SSE streams). It knows nothing about the bot; the router wires it
 * to the adapter. Bounded by TTL and size so an open website cannot grow memory without limit.
 */
export class WebChatBridge {
  private readonly conversations = new Map<string, BridgeConversation>();
  private readonly now: () => number;
  private readonly keep: number;

  constructor(private readonly options: WebChatBridgeOptions) {
    this.now = options.now ?? Date.now;
    this.keep = options.keep ?? 200;
  }

  /** Starts a conversation; the token authorises posting to and reading from it. */
  create(): { conversationId: string; token: string; userId: string } {
    this.sweep();
    const conversation: BridgeConversation = {
      id: randomUUID(),
      token: randomBytes(24).toString('base64url'),
      userId: `webchat-user-${randomUUID()}`,
      log: [],
      nextSeq: 1,
      listeners: new Set(),
      touched: this.now(),
    };
    this.conversations.set(conversation.id, conversation);
    while (this.conversations.size > this.options.max) {
      const oldest = this.conversations.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
    return { conversationId: conversation.id, token: conversation.token, userId: conversation.userId };
  }

  /** The conversation if `token` is its token (constant-time compare) and it has not expired. */
  authorize(conversationId: string, token: string | undefined): { id: string; userId: string } | undefined {
    const conversation = this.conversations.get(conversationId);
    if (!conversation || token === undefined) return undefined;
    if (this.now() - conversation.touched > this.options.ttlMs) {
      this.drop(conversationId);
      return undefined;
    }
    const a = Buffer.from(conversation.token);
    const b = Buffer.from(token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
    return { id: conversation.id, userId: conversation.userId };
  }

  /** A fresh activity id for this conversation (Direct Line style `conversationId|seq`). */
  nextId(conversationId: string): string {
    return `${conversationId}|${randomBytes(6).toString('hex')}`;
  }

  /** Appends an activity and hands it to every open stream. Unknown conversations drop it (and say so). */
  push(conversationId: string, activity: BridgeActivity): boolean {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return false;
    conversation.touched = this.now();
    const seq = conversation.nextSeq++;
    conversation.log.push({ seq, activity });
    if (conversation.log.length > this.keep) conversation.log.shift();
    for (const listener of conversation.listeners) listener(seq, activity);
    return true;
  }

  /** Replays activities after `afterSeq` (0 = all kept), then streams new ones until unsubscribed. */
  subscribe(conversationId: string, afterSeq: number, listener: (seq: number, activity: BridgeActivity) => void): () => void {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return () => {};
    for (const entry of conversation.log) if (entry.seq > afterSeq) listener(entry.seq, entry.activity);
    conversation.listeners.add(listener);
    return () => conversation.listeners.delete(listener);
  }

  get size(): number {
    return this.conversations.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, conversation] of this.conversations) {
      if (now - conversation.touched > this.options.ttlMs && conversation.listeners.size === 0) this.drop(id);
    }
  }

  private drop(id: string): void {
    this.conversations.get(id)?.listeners.clear();
    this.conversations.delete(id);
  }
}
