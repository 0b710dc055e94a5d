/** Options for {@link TtlMap}. */
export interface TtlMapOptions {
  /** Forget an entry this many ms after it was set. */
  ttlMs: number;
  /** Most entries kept; the oldest is evicted first, so memory stays bounded under any load. */
  max: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/**
 * A bounded map whose entries expire. Slack state that only matters for minutes (retried event ids,
 * threads the bot is talking in, answers waiting to be posted) lives here instead of growing forever.
 */
export class TtlMap<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  private readonly now: () => number;

  constructor(private readonly options: TtlMapOptions) {
    this.now = options.now ?? Date.now;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.options.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    while (this.entries.size > this.options.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** Sets `key` unless it is already present; true when this call added it (first caller wins). */
  claim(key: string, value: V): boolean {
    if (this.has(key)) return false;
    this.set(key, value);
    return true;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
