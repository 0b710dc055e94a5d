import type { Kysely } from 'kysely';
import { guarded } from './guarded.js';
import type { Database } from './schema.js';
import type { KeyValueStore } from './storage.js';

/**
 * Expiring key/value rows in the `kv` table, shared by every replica: the storage side for channel state that must
 * be common to replicas (Slack retry dedupe and active threads, Bot Framework state, Web Chat sessions).
 * `claim` is one atomic statement, so two replicas receiving the same Slack retry cannot both win it.
 */
export class SqlKeyValueStore implements KeyValueStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(namespace: string, key: string): Promise<string | undefined> {
    const row = await guarded('kv.get', () =>
      this.db
        .selectFrom('kv')
        .select('value')
        .where('namespace', '=', namespace)
        .where('key', '=', key)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', this.now())]))
        .executeTakeFirst(),
    );
    return row?.value;
  }

  async set(namespace: string, key: string, value: string, ttlMs?: number): Promise<void> {
    const expires_at = ttlMs === undefined ? null : this.now() + ttlMs;
    await guarded('kv.set', () =>
      this.db
        .insertInto('kv')
        .values({ namespace, key, value, expires_at })
        .onConflict((oc) => oc.columns(['namespace', 'key']).doUpdateSet({ value, expires_at }))
        .execute(),
    );
  }

  async claim(namespace: string, key: string, value: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const result = await guarded('kv.claim', () =>
      this.db
        .insertInto('kv')
        .values({ namespace, key, value, expires_at: now + ttlMs })
        // An expired row does not hold the key: it is taken over, in the same statement.
        .onConflict((oc) =>
          oc
            .columns(['namespace', 'key'])
            .doUpdateSet({ value, expires_at: now + ttlMs })
            .where('kv.expires_at', 'is not', null)
            .where('kv.expires_at', '<=', now),
        )
        .executeTakeFirst(),
    );
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async delete(namespace: string, key: string): Promise<void> {
    await guarded('kv.delete', () =>
      this.db.deleteFrom('kv').where('namespace', '=', namespace).where('key', '=', key).execute(),
    );
  }

  async sweep(): Promise<number> {
    const result = await guarded('kv.sweep', () =>
      this.db
        .deleteFrom('kv')
        .where('expires_at', 'is not', null)
        .where('expires_at', '<=', this.now())
        .executeTakeFirst(),
    );
    return Number(result.numDeletedRows);
  }
}
