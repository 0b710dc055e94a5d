import type { ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../helpers/free-port.js';
import { spawnServer } from '../../helpers/spawn-server.js';

/** The index the shared test global setup builds; copied so no test ever writes to it. */
export const BUILT_INDEX = resolve(process.env.INDEX_DIR ?? '.index');

/** Options for {@link startServer}. */
export interface StartOptions {
  /** Extra environment (wins over the defaults below). */
  env?: Record<string, string>;
  /** Index folder to use as is; default: a fresh temporary copy of the built index. `'empty'`: a new empty folder. */
  indexDir?: string | 'empty';
  /** Reuse this port (a restart on the same address). Default: a free port. */
  port?: number;
  /** Bound on the wait for /healthz 200. A rebuild takes ~10 s on a busy 2-core machine. */
  timeoutMs?: number;
  /** Resolve as soon as the process listens, without waiting for 200 from /healthz. */
  noWait?: boolean;
  /**
   * `relaxed` (default): rate limits and the turn queue set far above anything a test sends, so a test about
   * something else never meets a 429/503. `defaults`: the shipped limits (the limits test).
   */
  limits?: 'relaxed' | 'defaults';
  /** Run this instead of `node .build/server.mjs` (e.g. `['npm', 'start']`); the env is the same. */
  command?: [string, ...string[]];
}

/** A running server child process with its logs. */
export interface ServerHandle {
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  indexDir: string;
  workDir: string;
  /** stdout + stderr so far (LOG_LEVEL=warn: only warnings, errors and crashes). */
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once exited. */
  stop(graceMs?: number): Promise<number | string>;
  /** Current resident set size in MB (from /proc/<pid>/status VmRSS). */
  rssMb(): Promise<number>;
}

/**
 * Issue 9's limits (per-client rate limits and the turn gate's queue and wait), lifted for tests that are not about
 * them: those tests send bursts on purpose, and a 429 or 503 there would hide what they measure.
 */
const RELAXED_LIMITS = {
  RATE_LIMIT_TURNS_PER_MINUTE: '1000000',
  RATE_LIMIT_CHANNEL_TURNS_PER_MINUTE: '1000000',
  RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000000',
  TURN_QUEUE_MAX: '10000',
  TURN_QUEUE_MAX_WAIT_MS: '60000',
};

/** Every server started by this worker, so `stopAll` in afterAll can reap anything a failed test left behind. */
const running = new Set<ServerHandle>();

/**
 * Starts `node .build/server.mjs` (built once per run by the suite's global setup) on loopback with temporary
 * data and index folders; waits for /healthz 200.
 */
export async function startServer(options: StartOptions = {}): Promise<ServerHandle> {
  const workDir = await mkdtemp(join(tmpdir(), 'kfb-rel-'));
  let indexDir: string;
  if (options.indexDir === 'empty') indexDir = join(workDir, 'index');
  else if (options.indexDir) indexDir = options.indexDir;
  else {
    indexDir = join(workDir, 'index');
    await cp(BUILT_INDEX, indexDir, { recursive: true });
  }
  const port = options.port ?? (await freePort());
  const server = await spawnServer({
    command: options.command,
    workDir,
    env: {
      PORT: String(port),
      LOG_LEVEL: 'warn',
      INDEX_DIR: indexDir,
      DATABASE_URL: `sqlite:${join(workDir, 'data', 'bot.db')}`,
      ...(options.limits === 'defaults' ? {} : RELAXED_LIMITS),
      ...options.env,
    },
    // Warnings and crashes are read from output(); no test here looks at single log lines.
    parse: 'none',
  });
  const { child, output } = server;
  const exited = server.exit.then((code) => code ?? child.signalCode ?? 'unknown');
  const url = `http://127.0.0.1:${port}`;
  const handle: ServerHandle = {
    child,
    pid: child.pid ?? -1,
    port,
    url,
    indexDir,
    workDir,
    output,
    exited,
    async stop(graceMs = 5_000) {
      running.delete(handle);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      await rm(workDir, { recursive: true, force: true });
      return exited;
    },
    async rssMb() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
    },
  };
  running.add(handle);
  try {
    await waitFor(async () => (options.noWait ? (await healthStatus(url)) !== 0 : (await healthStatus(url)) === 200), {
      timeoutMs: options.timeoutMs ?? 90_000,
      what: `${url}/healthz`,
      abort: () =>
        child.exitCode !== null || child.signalCode !== null
          ? `server exited early: ${output().slice(-2000)}`
          : undefined,
    });
  } catch (error) {
    await handle.stop(1_000);
    throw error;
  }
  return handle;
}

/** Stops every server this worker started and did not stop (for afterAll). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop(2_000)));
}

/** Status of GET /healthz, or 0 when nothing answered. */
export async function healthStatus(url: string): Promise<number> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** Polls `check` every 50 ms until it returns true; throws after `timeoutMs` or when `abort` gives a reason. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  options: { timeoutMs: number; what: string; abort?: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    const reason = options.abort?.();
    if (reason) throw new Error(`${options.what}: ${reason}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${options.what}: not ready within ${options.timeoutMs} ms`);
}
