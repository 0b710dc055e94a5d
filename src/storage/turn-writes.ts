import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * Runs the writes of a turn (conversation save, question-log append) on PostgreSQL with `synchronous_commit = off`
 * for that transaction only. The commit is then in the PostgreSQL server when the call resolves, so killing the app
 * (kill -9, a crashed replica) loses nothing; only a crash of the PostgreSQL server itself can lose the last
 * ≤ 3 × wal_writer_delay (0.6 s by default) of turns. Measured on this machine: a synchronous commit waits ~4 ms
 * for the WAL fsync, an asynchronous one 0.08 ms, and a turn makes two of them: the 2 ms p50 budget
 * (bench/storage.ts) holds only this way. Votes keep fully synchronous commits (they are not on the turn path).
 * This is the PostgreSQL counterpart of SQLite's `synchronous = NORMAL` (durable against a process crash).
 */
export async function turnWrite(
  db: Kysely<Database>,
  engine: 'sqlite' | 'postgres',
  write: (db: Kysely<Database> | Transaction<Database>) => Promise<unknown>,
): Promise<void> {
  if (engine !== 'postgres') {
    await write(db);
    return;
  }
  await db.transaction().execute(async (trx) => {
    await sql`set local synchronous_commit = off`.execute(trx);
    await write(trx);
  });
}
