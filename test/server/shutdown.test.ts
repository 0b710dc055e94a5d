import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { killGroup, spawnServer } from '../helpers/spawn-server.js';

/** A child process in its own group whose stdout JSON log lines are collected (npm's banner is skipped). */
const start = (command: string, args: string[], env: Record<string, string> = {}) =>
  spawnServer({ command: [command, ...args], env, tmpPrefix: 'kfb-shutdown-', parse: 'json-only', detached: true });

// test/global-setup.ts builds the bundle (.build/server.mjs) once per run. The servers start at once: each is its own
// process on its own port, and most of a start is waiting on the model and index (one after another they took
// 12.9 s). The SIGTERM drain of a served process (idle keep-alive, in-flight request, exit 0) is in server.test.ts,
// on the process that file's serving test already started.
describe.concurrent('graceful shutdown (real child processes)', () => {
  it('a request that never finishes is cut off after SHUTDOWN_TIMEOUT_MS, and the exit code says so (1)', async () => {
    const server = await start(process.execPath, [resolve('.build/server.mjs')], { SHUTDOWN_TIMEOUT_MS: '300' });
    try {
      const port = Number(new URL(String((await server.waitFor('server_listening')).url)).port);
      await server.waitFor('bot_ready');
      const stuck = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/ask',
        headers: { 'content-type': 'application/json', 'content-length': 100, expect: '100-continue' },
      });
      const failed = new Promise<void>((r) => stuck.on('error', () => r()));
      await new Promise<void>((r) => stuck.once('continue', () => r()));
      server.child.kill('SIGTERM');
      expect(await server.exit).toBe(1);
      expect(server.lines.some((l) => l.event === 'server_forced_exit')).toBe(true);
      await failed;
    } finally {
      killGroup(server.child);
    }
  });

  it('under `npm start`, SIGTERM to the npm process stops node (no shell in between)', async () => {
    // --ignore-scripts skips only `prestart` (npm still runs `start` itself): its esbuild rebuild of .build/ would
    // rewrite server.mjs while the other servers of this run load it. The global setup built the bundle already.
    const npm = await start('npm', ['start', '--silent', '--ignore-scripts']);
    try {
      // Signalled as soon as node listens, while it loads the bot: what is tested is that the signal reaches node
      // through npm, and src/server.ts drains the same way during loading (its handler is registered first). Waiting
      // for bot_ready cost this process the whole ~2.5 s model and index load.
      await npm.waitFor('server_listening');
      npm.child.kill('SIGTERM');
      await npm.waitFor('server_stopped', 20_000);
      expect(await npm.exit).not.toBeNull();
    } finally {
      killGroup(npm.child);
    }
  });

  it('a second server on a taken port logs server_error EADDRINUSE and never server_listening', async () => {
    // The port is taken by a plain loopback listener in this process: the server's bind fails the same way as
    // behind a first server, without the ~2 s cold start of one more child.
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const second = await start(process.execPath, [resolve('.build/server.mjs')], { PORT: port });
      try {
        expect(await second.exit).toBe(1);
        expect(second.lines.find((l) => l.event === 'server_error')).toMatchObject({ code: 'EADDRINUSE' });
        expect(second.lines.some((l) => l.event === 'server_listening')).toBe(false);
      } finally {
        killGroup(second.child);
      }
    } finally {
      await new Promise<void>((r) => taken.close(() => r()));
    }
  });
});
