import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { StorageError } from './errors.js';

/**
 * Versioned migrations, in code (no migration files to ship, no codegen), shared by SQLite and PostgreSQL: only
 * portable column types are used (`text`, `bigint`, `double precision`), and the one engine-specific column (an
 * auto-increment) is chosen per dialect. Never edit a released migration: add the next one.
 */
function migrations(engine: 'sqlite' | 'postgres'): Record<string, Migration> {
  return {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('conversations')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('conversations_expires_at')
          .ifNotExists()
          .on('conversations')
          .column('expires_at')
          .execute();

        await db.schema
          .createTable('feedback')
          .ifNotExists()
          .addColumn('turn_id', 'text', (c) => c.notNull())
          .addColumn('voter_id', 'text', (c) => c.notNull())
          .addColumn('conversation_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('rating', 'text', (c) => c.notNull())
          .addColumn('comment', 'text')
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('feedback_pk', ['turn_id', 'voter_id'])
          .execute();
        await db.schema.createIndex('feedback_at').ifNotExists().on('feedback').column('at').execute();

        await db.schema
          .createTable('question_log')
          .ifNotExists()
          .addColumn('turn_id', 'text', (c) => c.primaryKey())
          .addColumn('conversation_id', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('category', 'text')
          .addColumn('confidence', 'double precision')
          .addColumn('question', 'text')
          .addColumn('answer', 'text')
          .addColumn('unit_ids', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('question_log_at').ifNotExists().on('question_log').column('at').execute();

        await db.schema
          .createTable('review_decisions')
          .ifNotExists()
          .addColumn('seq', engine === 'postgres' ? 'bigserial' : 'integer', (c) =>
            engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('cluster_key', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('unit_id', 'text')
          .addColumn('question', 'text')
          .addColumn('decided_by', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0002_kv': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('kv')
          .ifNotExists()
          .addColumn('namespace', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'bigint')
          .addPrimaryKeyConstraint('kv_pk', ['namespace', 'key'])
          .execute();
        await db.schema.createIndex('kv_expires_at').ifNotExists().on('kv').column('expires_at').execute();
      },
    },
  };
}

/** The migration names, in order (tests check the applied list). */
export const MIGRATION_NAMES = Object.keys(migrations('sqlite'));

/**
 * Brings the schema up to date. Kysely's Migrator takes a lock table first, so two replicas starting at once on one
 * PostgreSQL apply each migration exactly once; running it again on a current schema does nothing.
 */
export async function migrateToLatest(db: Kysely<unknown>, engine: 'sqlite' | 'postgres'): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(engine) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StorageError(`migration ${failed}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Cheap round trip for `/readyz`. */
export async function pingDatabase(db: Kysely<unknown>): Promise<void> {
  await sql`select 1`.execute(db);
}
