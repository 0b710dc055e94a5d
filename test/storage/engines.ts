import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/logger.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { freshDatabase, type TempPostgres } from '../helpers/temp-postgres.js';

/** Conversation TTL the contract tests use: one minute, stepped over with the injected clock. */
export const TTL_MINUTES = 1;

/** One engine under test: opens a fresh, empty storage (with a clock) and cleans everything up afterwards. */
export interface EngineUnderTest {
  name: string;
  /** Opens a storage on this engine's fresh database; `url` reopens the same one. */
  open(now?: () => number): Promise<{ storage: Storage; url: string }>;
  reopen(url: string, now?: () => number): Promise<Storage>;
  cleanup(): Promise<void>;
}

const config = (url: string) => ({ DATABASE_URL: url, CONVERSATION_TTL_MINUTES: TTL_MINUTES, CONVERSATION_MAX: 100 });

/** Memory, a SQLite file, and PostgreSQL when a server is available. */
export function enginesUnderTest(postgres: TempPostgres | undefined): EngineUnderTest[] {
  const opened: Storage[] = [];
  const track = (s: Storage) => {
    opened.push(s);
    return s;
  };
  const closeAll = async () => {
    for (const s of opened.splice(0)) await s.close().catch(() => {});
  };
  const engines: EngineUnderTest[] = [
    {
      name: 'memory',
      open: async (now) => ({
        storage: track(await openStorage(config('memory:'), silentLogger, now ? { now } : {})),
        url: 'memory:',
      }),
      reopen: async () => {
        throw new Error('memory storage cannot be reopened');
      },
      cleanup: closeAll,
    },
  ];
  const dirs: string[] = [];
  engines.push({
    name: 'sqlite',
    async open(now) {
      const dir = mkdtempSync(join(tmpdir(), 'faq-bot-sqlite-'));
      dirs.push(dir);
      const url = `sqlite:${join(dir, 'bot.db')}`;
      return { storage: track(await openStorage(config(url), silentLogger, now ? { now } : {})), url };
    },
    reopen: async (url, now) => track(await openStorage(config(url), silentLogger, now ? { now } : {})),
    async cleanup() {
      await closeAll();
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  });
  if (postgres) {
    const drops: (() => Promise<void>)[] = [];
    engines.push({
      name: 'postgres',
      async open(now) {
        const db = await freshDatabase(postgres.url);
        drops.push(db.drop);
        return { storage: track(await openStorage(config(db.url), silentLogger, now ? { now } : {})), url: db.url };
      },
      reopen: async (url, now) => track(await openStorage(config(url), silentLogger, now ? { now } : {})),
      async cleanup() {
        await closeAll();
        for (const drop of drops.splice(0)) await drop();
      },
    });
  }
  return engines;
}
