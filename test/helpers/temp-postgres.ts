import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** Debian's server binaries (`apt-get install postgresql`); the newest major version wins. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(root, versions[0], 'bin');
}

/** A running throwaway server: its connection URL and a stop function that also deletes its data. */
export interface TempPostgres {
  url: string;
  stop(): void;
}

/**
 * Starts a PostgreSQL server on a temporary data directory and a free loopback port (no network, no password:
 * `trust` on loopback only). As root (CI, this machine) the server runs as the `postgres` user, which initdb requires.
 */
export async function startTempPostgres(bin: string): Promise<TempPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'faq-bot-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]): void => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]]
      : [join(bin, cmd), args];
    const result = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.stdout || result.error}`);
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-o',
    `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The PostgreSQL server tests run against: `TEST_DATABASE_URL` when set (CI exports it from `.ci/run`); else, off CI,
 * a temporary server when Debian's binaries are installed; else `undefined` with a printed notice, so a local
 * `npm test` without PostgreSQL still passes. Under CI (`CI=true`) a missing server is an error, never a skip.
 */
export async function postgresForTests(): Promise<TempPostgres | undefined> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { url: given, stop: () => {} };
  if (process.env.CI === 'true')
    throw new Error('CI=true but TEST_DATABASE_URL is unset: .ci/run must start PostgreSQL');
  const bin = findPostgresBin();
  if (!bin) {
    console.warn(
      'PostgreSQL tests not run: no TEST_DATABASE_URL and no /usr/lib/postgresql/*/bin (apt-get install postgresql)',
    );
    return undefined;
  }
  return startTempPostgres(bin);
}

/** A new, empty database on `server` (tests in parallel files never see each other's rows); dropped by `drop`. */
export async function freshDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `t_${Math.random().toString(36).slice(2, 12)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
