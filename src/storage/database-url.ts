import { ConfigError } from '../errors.js';

/** Where the data lives, decoded from the one `DATABASE_URL` setting. */
export type DatabaseTarget =
  | { engine: 'memory' }
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; connectionString: string };

/** The embedded default: a SQLite file beside the app (git-ignored `data/`). */
export const DEFAULT_SQLITE_FILE = 'data/bot.db';

/**
 * `undefined` → SQLite at `data/bot.db`; `sqlite:path` or `file:path` → that SQLite file; `postgres://…` or
 * `postgresql://…` → PostgreSQL; `memory:` → nothing durable (tests, evals).
 */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  if (url === undefined) return { engine: 'sqlite', file: DEFAULT_SQLITE_FILE };
  if (url === 'memory:') return { engine: 'memory' };
  if (/^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres', connectionString: url };
  const sqlite = /^(sqlite|file):(?:\/\/)?(.+)$/.exec(url);
  if (sqlite?.[2]) return { engine: 'sqlite', file: sqlite[2] };
  throw new ConfigError(
    'DATABASE_URL must be postgres://user:pass@host:port/db, sqlite:path/to/file.db, file:path or memory:',
  );
}
