import type { KeyValueStore } from '../storage.js';

/** {@link KeyValueStore} in process memory (tests, `DATABASE_URL=memory:`); same expiry rules as the SQL one. */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly rows = new Map<string, { value: string; expiresAt: number | undefined }>();

  constructor(private readonly now: () => number = Date.now) {}

  private live(id: string) {
    const row = this.rows.get(id);
    return row && (row.expiresAt === undefined || row.expiresAt > this.now()) ? row : undefined;
  }

  async get(namespace: string, key: string): Promise<string | undefined> {
    return this.live(JSON.stringify([namespace, key]))?.value;
  }

  async set(namespace: string, key: string, value: string, ttlMs?: number): Promise<void> {
    this.rows.set(JSON.stringify([namespace, key]), {
      value,
      expiresAt: ttlMs === undefined ? undefined : this.now() + ttlMs,
    });
  }

  async claim(namespace: string, key: string, value: string, ttlMs: number): Promise<boolean> {
    const id = JSON.stringify([namespace, key]);
    if (this.live(id)) return false;
    this.rows.set(id, { value, expiresAt: this.now() + ttlMs });
    return true;
  }

  async delete(namespace: string, key: string): Promise<void> {
    this.rows.delete(JSON.stringify([namespace, key]));
  }

  async sweep(): Promise<number> {
    let swept = 0;
    for (const [id, row] of this.rows) {
      if (row.expiresAt !== undefined && row.expiresAt <= this.now()) {
        this.rows.delete(id);
        swept++;
      }
    }
    return swept;
  }
}
