import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReplySchema } from '../../../src/core/reply.js';

/** A bound, not a speed check: five of these load the model at once here, on 2 cores shared with the suite. */
const KILL_AFTER_MS = 90_000;

/**
 * Runs a CLI entry point to completion (bounded), feeding `stdin`: its esbuild bundle in .build/, which is what
 * `npm run ask` / `npm run chat` run (test/global-setup.ts builds it once per run). Starting the bundle instead of
 * the TypeScript through tsx saves ~0.6-1.2 s per process (measured: usage 2.2 s -> 0.9 s, one answer 2.9 s -> 2.3 s).
 */
function run(
  entry: 'ask' | 'chat',
  args: string[],
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--enable-source-maps', resolve(`.build/${entry}.mjs`), ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${entry} timed out\n${stdout}\n${stderr}`));
    }, KILL_AFTER_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

// One chat session serves both chat tests (each model-loading process costs ~2.5 s of CPU): the second test's part
// starts with /new, so it does not depend on the first one's conversation. /quit, the other alias of /exit, is
// checked end to end by tmux.test.ts and parsed in render.test.ts. Started before the ask tests run, beside them.
let session: ReturnType<typeof run>;
beforeAll(() => {
  session = run(
    'chat',
    [],
    'What are the side effects of ketamine?\nhow long do they last?\n/help\n/new\nand how long do they last?\n' +
      '/exit\nIs ketamine safe?\n',
  );
  // Awaited by the chat tests; a failure before them must not be an unhandled rejection.
  session.catch(() => undefined);
});

// Every process of this file starts at once (the chat session in the beforeAll above, the ask runs as concurrent
// tests): each spends most of its ~2.5 s loading the model and index, and one after another they made this the
// slowest file of `npm test` (19.7 s). Each still gets its own process: what is tested is argv, stdout and exit code.
describe.concurrent('npm run ask', () => {
  it('--json prints exactly the API body', async () => {
    const { code, stdout, stderr } = await run('ask', ['--json', 'What are the side effects of ketamine?']);
    expect(code, stderr).toBe(0);
    const body = ReplySchema.strict().parse(JSON.parse(stdout));
    expect(body.kind).toBe('answer');
    expect(body.citations.length).toBeGreaterThan(0);
  });

  it('without --json prints the answer and numbered sources', async () => {
    const { code, stdout } = await run('ask', ['Is', 'ketamine', 'safe?']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\[1\]/);
    expect(stdout).toMatch(/Sources:\n\s+\[1\] .+ \([a-z-]+#\d+\)/);
    expect(stdout).not.toContain('_General information'); // Markdown emphasis is stripped for the terminal
    expect(stdout).toContain('General information from published articles');
  });

  it('no question prints usage and exits 2; an over-long one is a clear error', async () => {
    const [none, long] = await Promise.all([run('ask', []), run('ask', ['x'.repeat(2001)])]);
    expect(none.code).toBe(2);
    expect(none.stdout).toMatch(/Usage: npm run ask/);
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(/Error: .*2000/);
  });
});

describe('npm run chat', () => {
  const replies = async () => (await session).stdout.split('bot> ').slice(1);

  it('answers two turns from stdin (the second a follow-up), then /exit quits cleanly', async () => {
    const { code, stdout, stderr } = await session;
    expect(code, stderr).toBe(0);
    // Four replies (two answers, /help, the prompt after /new): none for the question after /exit.
    const all = await replies();
    expect(all).toHaveLength(4);
    expect(all[0]).toMatch(/dizziness|nausea|side effects/i);
    expect(all[1]).toMatch(/go away|short-lived|resolve|last long/);
    expect(stdout).toMatch(/Type \/help for the commands/);
  });

  it('/help lists the commands without reaching the bot; after /new an elliptical question gets a prompt', async () => {
    const { code, stderr } = await session;
    expect(code, stderr).toBe(0);
    const [, , help, afterNew] = await replies();
    expect(help).toMatch(/^Commands:\n\s+- \/help/);
    for (const c of ['/new', '/sources', '/quit']) expect(help).toContain(c);
    expect(help).not.toMatch(/FAQ bot about ketamine/); // the small-talk answer /help used to get
    expect(afterNew).toMatch(/start of our conversation/);
    expect(afterNew).not.toMatch(/outside what I cover/);
  });
});
