import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** A server started the way `npm start` starts it (node running the esbuild bundle; the pid is the server itself). */
/**
 * The node flags of `npm start` (package.json). The old-space cap makes V8 collect before it grows the heap far past
 * what is live: the bounded stores hold at most ~180 MB, and without a cap V8 let the heap grow to ~500 MB of mostly
 * garbage during a Web Chat soak. The 2 MB young-generation semi-space (V8's default is 16 MB, up to 48 MB of
 * young generation) keeps a turn's short-lived garbage from holding RSS: scripts/measure-memory-phases.ts measured
 * the peak 332 → 281 MB with 100 c1 and 100 c8 turns equally fast (15.6 / 8.2 s vs 16.4 / 8.2 s, load 14), and
 * scripts/measure-node-flags-ab.ts 277 vs 307 MB over HTTP at the same latency (issue 11).
 */
export const SERVER_NODE_FLAGS = ['--enable-source-maps', '--max-old-space-size=256', '--max-semi-space-size=2'];

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** ms from spawn to the first 200 from /healthz. */
  healthyMs: number;
  /** ms from spawn to the `server_listening` log line (process boot + TypeScript loading). */
  listeningMs: number;
  /** `coldStartMs` of the server's own `bot_ready` line (module start → index and model loaded). */
  botReadyMs: number;
  /** The server's `bot_ready` log line (its `phasesMs` split the cold start; bench/cold-start.ts). */
  botReady: Record<string, unknown> | undefined;
  /** Peak resident set size of the server process so far (VmHWM), in MB. */
  peakRssMb(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts the bundled server (`.build/server.mjs`, built first by `npm run build` — `npm start` does the same) on a
 * free port with `env`, waits until /healthz says 200 (bounded by `timeoutMs`).
 */
export async function startServer(
  env: Record<string, string>,
  timeoutMs = 60_000,
  /** Node flags instead of `npm start`'s (A/B measurements of a flag). */
  nodeFlags: readonly string[] = SERVER_NODE_FLAGS,
): Promise<ServerProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, '.build/server.mjs'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  let buffer = '';
  let listeningMs = Number.NaN;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not listen within ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${stderr}`)));
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      const url = logEvent(buffer, 'server_listening')?.url;
      if (typeof url === 'string' && Number.isNaN(listeningMs)) {
        listeningMs = performance.now() - started;
        clearTimeout(timer);
        resolve(url);
      }
    });
  });
  // Poll /healthz tightly: this is the cold-start figure.
  let healthyMs = Number.NaN;
  while (performance.now() - started < timeoutMs) {
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) {
      healthyMs = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  if (Number.isNaN(healthyMs)) throw new Error(`server not healthy within ${timeoutMs} ms: ${stderr}`);
  const botReady = logEvent(buffer, 'bot_ready');
  const botReadyMs = Number(botReady?.coldStartMs ?? Number.NaN);
  // Keep draining stdout (one log line per request) without keeping it.
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume();
  return {
    child,
    url,
    healthyMs,
    listeningMs,
    botReadyMs,
    botReady,
    async peakRssMb() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      return Math.round((kb / 1024) * 10) / 10;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** POST /api/ask; returns the reply kind (throws on a non-200). */
export async function askOverHttp(url: string, message: string): Promise<string> {
  const res = await fetch(`${url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });
  if (res.status !== 200) throw new Error(`POST /api/ask → ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { kind: string }).kind;
}

/** The first JSON log line of `event` in the server's output so far (field order is the logger's business). */
function logEvent(output: string, event: string): Record<string, unknown> | undefined {
  for (const line of output.split('\n')) {
    if (!line.includes(`"${event}"`)) continue;
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (parsed.event === event) return parsed;
    } catch {
      // A partial line: the rest arrives with the next chunk.
    }
  }
  return undefined;
}
