/** Options for {@link TurnQueue}. */
export interface TurnQueueOptions {
  /** Most turns of one conversation running or waiting at once; more are refused (see {@link TurnQueue.run}). */
  maxPerKey: number;
}

/**
 * Runs the turns of one conversation one after another, in arrival order. A turn loads the conversation state,
 * answers and saves it with the eTag it loaded; two at once collide on that eTag and one fails (the user saw
 * "Sorry, something went wrong"). Different conversations still run in parallel. An entry lives only while
 * its conversation has turns in flight, so the map holds at most one entry per in-flight turn.
 */
export class TurnQueue {
  private readonly chains = new Map<string, { tail: Promise<void>; pending: number }>();

  constructor(private readonly options: TurnQueueOptions) {}

  /**
   * Runs `turn` after every earlier turn of `key` has settled. Returns `undefined` without running it when
   * `maxPerKey` turns are already queued for that key (a flood in one conversation must not queue without end).
   */
  async run<T>(key: string, turn: () => Promise<T>): Promise<{ value: T } | undefined> {
    const chain = this.chains.get(key) ?? { tail: Promise.resolve(), pending: 0 };
    if (chain.pending >= this.options.maxPerKey) return undefined;
    chain.pending += 1;
    this.chains.set(key, chain);
    const result = chain.tail.then(turn);
    // The next turn waits for this one to settle, whether it succeeded or failed.
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    chain.tail = settled;
    try {
      return { value: await result };
    } finally {
      chain.pending -= 1;
      if (chain.pending === 0 && this.chains.get(key) === chain) this.chains.delete(key);
    }
  }

  /** Conversations with turns in flight (for tests and metrics). */
  get size(): number {
    return this.chains.size;
  }
}
