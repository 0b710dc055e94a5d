import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** What `npm start` runs: the esbuild bundle of src/server.ts (`node scripts/build.mjs` writes it). */
export const BUNDLE = resolve('.build/server.mjs');

/** One parsed stdout log line of the server (pino-style JSON). */
export type LogLine = Record<string, unknown>;

/** Options for {@link spawnServer}. */
export interface SpawnServerOptions {
  /** Run this instead of `node .build/server.mjs` (e.g. `['npm', 'start', '--silent']`); the env is the same. */
  command?: [string, ...string[]];
  /** Extra environment; wins over the defaults (PORT=0, HOST=127.0.0.1, LOG_LEVEL=info, SQLite in `workDir`). */
  env?: Record<string, string>;
  /** Folder for the SQLite file (`bot.db`); default: a new temporary folder named after `tmpPrefix`. */
  workDir?: string;
  /** Prefix of the temporary `workDir` (default `kfb-server-`), so a leftover folder says which test made it. */
  tmpPrefix?: string;
  /**
   * How stdout lines become {@link SpawnedServer.lines}: `strict` (default) parses every non-blank line, so a
   * line that is not JSON throws (the server must log nothing else); `json-only` keeps the lines that start with
   * `{` (npm's banner is skipped); `none` keeps no lines (a long run at LOG_LEVEL=warn only needs `output()`).
   */
  parse?: 'strict' | 'json-only' | 'none';
  /** Its own process group, so {@link killGroup} can reach a node that npm left behind. */
  detached?: boolean;
}

/** A spawned server process with its stdout JSON lines and its output. */
export interface SpawnedServer {
  child: ChildProcess;
  /** The folder holding the SQLite file (`bot.db`), unless `env.DATABASE_URL` says otherwise. */
  workDir: string;
  /** The stdout JSON lines seen so far, in order (see {@link SpawnServerOptions.parse}). */
  lines: LogLine[];
  /** stderr so far (the last 200,000 characters). */
  stderr(): string;
  /** stdout and stderr so far, interleaved as they arrived (the last 200,000 characters). */
  output(): string;
  /** The exit code once the process has exited (null when a signal ended it; `child.signalCode` says which). */
  exit: Promise<number | null>;
  /** Resolves with the first line whose `event` is `event`; rejects after `timeoutMs` (default 60 s). */
  waitFor(event: string, timeoutMs?: number): Promise<LogLine>;
  /** Resolves once `condition` holds over the lines seen so far (checked on every new output; default 10 s). */
  waitUntil(condition: () => boolean, timeoutMs?: number): Promise<void>;
}

/** Bound on the kept output: a chatty failure must not grow the test runner's memory without end. */
const MAX_OUTPUT_CHARS = 200_000;

/** Starts the server (or `command`) on loopback with its own SQLite file and collects its logs. */
export async function spawnServer(options: SpawnServerOptions = {}): Promise<SpawnedServer> {
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), options.tmpPrefix ?? 'kfb-server-')));
  const [command, ...args] = options.command ?? [process.execPath, BUNDLE];
  const child = spawn(command, args, {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: `sqlite:${join(workDir, 'bot.db')}`,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  const parse = options.parse ?? 'strict';
  const lines: LogLine[] = [];
  let stderr = '';
  let output = '';
  let buffer = '';
  const waiters = new Set<() => void>();
  const checkAll = () => {
    for (const w of [...waiters]) w();
  };
  child.stdout?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-MAX_OUTPUT_CHARS);
    if (parse === 'none') return;
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const p of parts) {
      if (parse === 'strict' ? p.trim() : p.startsWith('{')) lines.push(JSON.parse(p) as LogLine);
    }
    checkAll();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-MAX_OUTPUT_CHARS);
    output = (output + d.toString()).slice(-MAX_OUTPUT_CHARS);
  });
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  // A last look once the process is gone, for output still in flight when it exited (50 ms: a few event-loop turns).
  void exit.then(() => setTimeout(checkAll, 50));

  /** Resolves once `probe` returns a value; rejects with `what` after `timeoutMs`. */
  const until = <T>(probe: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((ok, fail) => {
      const check = () => {
        const found = probe();
        if (found === undefined) return;
        clearTimeout(deadline);
        waiters.delete(check);
        ok(found);
      };
      const deadline = setTimeout(() => {
        waiters.delete(check);
        fail(new Error(`${what} within ${timeoutMs} ms; stderr: ${stderr}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    child,
    workDir,
    lines,
    stderr: () => stderr,
    output: () => output,
    exit,
    waitFor: (event, timeoutMs = 60_000) => until(() => lines.find((l) => l.event === event), timeoutMs, `no ${event}`),
    waitUntil: (condition, timeoutMs = 10_000) =>
      until(() => (condition() ? true : undefined), timeoutMs, 'condition not met').then(() => undefined),
  };
}

/** Kills a detached child's whole process group (npm, sh, node), whatever is left of it. */
export function killGroup(child: ChildProcess): void {
  // No pid: it never started. (process.kill(-0) would hit the test runner's own group.)
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
