import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/env.js';
import { MemoryFeedbackStore } from '../doubles/memory-feedback-store.js';
import { silentLogger } from '../../src/logger.js';
import { EXIT, runEvalCli } from '../../evals/lib/main.js';
import { httpTarget } from '../../evals/lib/targets.js';
import { fakeBot } from '../helpers/fake-bot.js';
import { PASSING_CASES, THRESHOLDS, scripted } from './fixtures.js';
import { tempFiles } from './helpers.js';

describe('HTTP mode against POST /api/ask', () => {
  const bot = fakeBot(scripted);
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = createApp({
      config: parseConfig({}),
      logger: silentLogger,
      feedback: new MemoryFeedbackStore(),
      getBot: () => bot,
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('runs chosen cases over HTTP, the turns of a case sharing the server-issued conversationId', async () => {
    const dir = await tempFiles({ 'cases.yaml': PASSING_CASES, 'thresholds.yaml': THRESHOLDS });
    const out: string[] = [];
    bot.calls.length = 0;
    const code = await runEvalCli(
      [
        '--cases',
        join(dir, 'cases.yaml'),
        '--thresholds',
        join(dir, 'thresholds.yaml'),
        '--out',
        join(dir, 'r'),
        '--base',
        base,
        '--quiet',
        '--tags',
        'multi-turn,safety',
        '--corpus',
        join(dir, 'none'),
      ],
      {
        createBot: () => Promise.reject(new Error('HTTP mode must not build a bot')),
        stdout: (t) => out.push(t),
        stderr: () => {},
      },
    );
    expect(out.join('\n')).toContain(`Evals against ${base}: 3/3 cases passed`);
    expect(code).toBe(EXIT.pass);
    expect(bot.calls.every((c) => c.input.channel === 'api')).toBe(true);
    const followUp = bot.calls.find((c) => c.input.message === 'How long do they last?');
    const first = bot.calls.find((c) => c.input.message === 'What are the side effects?');
    expect(followUp?.conversationId).toBe(first?.conversationId);
    expect(followUp?.priorTurns).toBe(1);
  });

  it('turns an HTTP error into a case error naming the status and code', async () => {
    const target = httpTarget({ base });
    await expect(target.converse(['x'.repeat(2001)])).rejects.toThrow(/→ 400 invalid_request/);
  });

  it('exits 2 when the server is unreachable', async () => {
    const dir = await tempFiles({ 'cases.yaml': PASSING_CASES, 'thresholds.yaml': THRESHOLDS });
    // A port that was free a moment ago: nothing listens there now.
    const probe = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => probe.once('listening', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const err: string[] = [];
    const code = await runEvalCli(
      [
        '--cases',
        join(dir, 'cases.yaml'),
        '--thresholds',
        join(dir, 'thresholds.yaml'),
        '--out',
        join(dir, 'r'),
        '--base',
        `http://127.0.0.1:${port}`,
        '--quiet',
      ],
      { stdout: () => {}, stderr: (t) => err.push(t) },
    );
    expect(err.join('\n')).toMatch(
      /Stopped after 5 consecutive errors; last: POST http:\/\/127\.0\.0\.1:\d+\/api\/ask failed: ECONNREFUSED/,
    );
    expect(code).toBe(EXIT.error);
  });
});
