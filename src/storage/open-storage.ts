import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type Dialect, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Logger } from '../core/logger.js';
import { type DatabaseTarget, parseDatabaseUrl } from './database-url.js';
import { StorageError } from './errors.js';
import { createMemoryStorage } from './memory/memory-storage.js';
import { migrateToLatest, pingDatabase } from './migrations.js';
import type { Database } from './schema.js';
import { SqlConversationStore } from './sql-conversation-store.js';
import { SqlFeedbackStore } from './sql-feedback-store.js';
import { SqlQuestionLog } from './sql-question-log.js';
import { SqlKeyValueStore } from './sql-kv-store.js';
import { SqlReviewStore } from './sql-review-store.js';
import { SqlWebChatSessionStore } from './sql-webchat-store.js';
import type { Storage } from './storage.js';

/** The settings `openStorage` reads (a subset of the app's Config). */
export interface StorageConfig {
  DATABASE_URL?: string | undefined;
  CONVERSATION_TTL_MINUTES: number;
  CONVERSATION_MAX: number;
}

/** Options for {@link openStorage}. */
export interface OpenStorageOptions {
  /** Clock in ms for conversation expiry, injectable for tests. */
  now?: () => number;
}

/**
 * Opens the storage `DATABASE_URL` names and migrates its schema to the latest version.
 *
 * Why Kysely: a typed query builder (no ORM, no codegen step), with built-in dialects for both engines we need —
 * SQLite through better-sqlite3 and PostgreSQL through pg — and a `Migrator` that runs migrations written in code
 * under a lock table, so one schema and one migration history serve both engines and concurrent replicas.
 */
export async function openStorage(config: StorageConfig, logger: Logger, options: OpenStorageOptions = {}) {
  const target = parseDatabaseUrl(config.DATABASE_URL);
  const ttlMs = config.CONVERSATION_TTL_MINUTES * 60_000;
  if (target.engine === 'memory') {
    return createMemoryStorage({ conversationTtlMs: ttlMs, conversationMax: config.CONVERSATION_MAX, ...options });
  }
  const db = new Kysely<Database>({ dialect: await dialectFor(target, logger) });
  try {
    const applied = await migrateToLatest(db as Kysely<unknown>, target.engine);
    logger.info('storage_opened', { engine: target.engine, migrationsApplied: applied });
  } catch (error) {
    await db.destroy().catch(() => {});
    throw error instanceof StorageError
      ? error
      : new StorageError(`open ${target.engine}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
  }
  const storage: Storage = {
    engine: target.engine,
    conversations: new SqlConversationStore(db, {
      ttlMs,
      engine: target.engine,
      ...(options.now ? { now: options.now } : {}),
    }),
    feedback: new SqlFeedbackStore(db),
    questionLog: new SqlQuestionLog(db, target.engine),
    reviews: new SqlReviewStore(db),
    kv: new SqlKeyValueStore(db, options.now),
    webchat: new SqlWebChatSessionStore(db, target.engine, options.now),
    ping: () => pingDatabase(db as Kysely<unknown>),
    close: () => db.destroy(),
  };
  return storage;
}

async function dialectFor(target: Exclude<DatabaseTarget, { engine: 'memory' }>, logger: Logger): Promise<Dialect> {
  if (target.engine === 'postgres') {
    // Loaded only for PostgreSQL: SQLite and in-memory starts skip pg's load time.
    const { default: pg } = await import('pg');
    // 10 connections: pg's default, far above what TURN_CONCURRENCY (2) turns plus votes need per replica.
    const pool = new pg.Pool({ connectionString: target.connectionString, max: 10 });
    // An idle client losing its connection emits 'error' on the pool; unhandled, that would crash the process.
    pool.on('error', (error) => logger.warn('postgres_pool_error', { error: error.message }));
    return new PostgresDialect({ pool });
  }
  mkdirSync(dirname(target.file), { recursive: true });
  const sqlite = new BetterSqlite3(target.file);
  // WAL: readers never block the writer, and several processes (two app instances, the review CLI) share the file.
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode is durable against a process crash (kill -9): a committed transaction's WAL frames are
  // already written to the OS when the call returns; only a power loss / OS crash can lose the last commits.
  // FULL would add an fsync to every vote and logged turn for a guarantee (power loss) the issue does not ask for.
  sqlite.pragma('synchronous = NORMAL');
  // Wait up to 5 s for another process's write lock instead of failing at once with SQLITE_BUSY.
  sqlite.pragma('busy_timeout = 5000');
  return new SqliteDialect({ database: sqlite });
}
