import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.js';
import { parseDatabaseUrl } from '../../src/storage/database-url.js';

describe('DATABASE_URL', () => {
  it('unset is the SQLite file data/bot.db; sqlite:/file: name another file; postgres URLs select PostgreSQL', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ engine: 'sqlite', file: 'data/bot.db' });
    expect(parseDatabaseUrl(parseConfig({ DATABASE_URL: '' }).DATABASE_URL)).toEqual({
      engine: 'sqlite',
      file: 'data/bot.db',
    });
    expect(parseDatabaseUrl('sqlite:/var/lib/bot/bot.db')).toEqual({ engine: 'sqlite', file: '/var/lib/bot/bot.db' });
    expect(parseDatabaseUrl('file:data/x.db')).toEqual({ engine: 'sqlite', file: 'data/x.db' });
    expect(parseDatabaseUrl('postgres://u:p@db:5432/bot')).toEqual({
      engine: 'postgres',
      connectionString: 'postgres://u:p@db:5432/bot',
    });
    expect(parseDatabaseUrl('postgresql://db/bot').engine).toBe('postgres');
    expect(parseDatabaseUrl('memory:')).toEqual({ engine: 'memory' });
  });

  it('anything else is a configuration error naming the variable', () => {
    expect(() => parseConfig({ DATABASE_URL: 'mysql://db/bot' })).toThrow(/DATABASE_URL: must be postgres/);
    expect(() => parseDatabaseUrl('mysql://db/bot')).toThrow(/DATABASE_URL must be/);
  });
});
