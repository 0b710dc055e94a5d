import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { ask } from './helpers/http.js';
import { startServer, stopAll } from './helpers/server.js';

/**
 * `npm start`'s wiring end to end (src/server.ts): conversations and the question log live in `DATABASE_URL`, so a
 * follow-up sent after a restart still resolves, and `QUESTION_LOG=off` logs nothing.
 */
const dir = mkdtempSync(join(tmpdir(), 'faq-bot-restart-'));
const DATABASE_URL = `sqlite:${join(dir, 'bot.db')}`;
afterAll(async () => {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
});

async function loggedQuestions(): Promise<(string | null)[]> {
  const storage = await openStorage({ DATABASE_URL, CONVERSATION_TTL_MINUTES: 60, CONVERSATION_MAX: 10 }, silentLogger);
  const entries = await storage.questionLog.list();
  await storage.close();
  return entries.map((e) => e.question);
}

describe('storage across a restart of the real server', () => {
  it('a follow-up after a restart resolves; QUESTION_LOG=off logs nothing', async () => {
    const id = `restart-${Date.now()}`;
    const first = await startServer({ env: { DATABASE_URL } });
    expect((await ask(first.url, 'What are the side effects of ketamine?', id)).kind).toBe('answer');
    expect(await first.stop()).toBe(0);

    const second = await startServer({ env: { DATABASE_URL, QUESTION_LOG: 'off' } });
    const followUp = await ask(second.url, 'how long do they last?', id);
    expect(followUp.kind).toBe('answer');
    expect(JSON.stringify(followUp.citations)).toMatch(/go away|short-lived|resolve|last long/);
    await second.stop();

    expect(await loggedQuestions()).toEqual(['What are the side effects of ketamine?']);
  });
});
