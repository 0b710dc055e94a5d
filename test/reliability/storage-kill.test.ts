import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { benchQuestions } from '../../bench/questions.js';
import { silentLogger } from '../../src/logger.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { postJson } from './helpers/http.js';
import { scaled } from './helpers/scale.js';
import { startServer, stopAll, waitFor } from './helpers/server.js';
import { startSink } from './helpers/sink.js';

/**
 * Issue 13's loss target: `kill -9` during load loses no acknowledged vote or question-log entry and corrupts
 * nothing. Votes go in as Teams feedback invokes (answered 200 only after the store resolved), turns as `/api/ask`
 * (answered only after the question log resolved); every 200 is remembered, the server is killed mid-load, and the
 * SQLite file must pass `PRAGMA integrity_check` and hold every acknowledged row.
 */
const dir = mkdtempSync(join(tmpdir(), 'faq-bot-kill-'));
const dbFile = join(dir, 'bot.db');
afterAll(async () => {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 under load on SQLite', () => {
  it('keeps every acknowledged vote and logged turn, and the file stays intact', async () => {
    const server = await startServer({ env: { DATABASE_URL: `sqlite:${dbFile}` } });
    const sink = await startSink();
    const votes = new Set<string>();
    const turns = new Set<string>();
    let stop = false;
    let seq = 0;
    const voter = async (): Promise<void> => {
      while (!stop) {
        const n = seq++;
        const res = await postJson(server.url, '/api/messages', {
          type: 'invoke',
          name: 'message/submitAction',
          id: `in-${n}`,
          channelId: 'msteams',
          serviceUrl: sink.url,
          conversation: { id: `kill-conv-${n % 50}`, conversationType: 'personal' },
          from: { id: `voter-${n}` },
          recipient: { id: 'bot' },
          replyToId: `r-${n}`,
          value: { actionName: 'feedback', actionValue: { reaction: n % 2 ? 'like' : 'dislike' } },
        }).catch(() => undefined);
        if (res?.status === 200) votes.add(`activity:r-${n}`);
        else if (!res) return;
      }
    };
    const questions = benchQuestions().slice(0, 32);
    const asker = async (): Promise<void> => {
      while (!stop) {
        const n = seq++;
        const conversationId = `kill-ask-${n}`;
        const res = await postJson(server.url, '/api/ask', {
          message: questions[n % questions.length],
          conversationId,
        }).catch(() => undefined);
        if (res?.status === 200) turns.add(conversationId);
        else if (!res) return;
      }
    };
    const load = Promise.all([voter(), voter(), voter(), asker(), asker()]);
    await waitFor(() => votes.size >= scaled(1000, 100) && turns.size >= scaled(50, 10), {
      timeoutMs: 120_000,
      what: 'acknowledged votes and turns',
    });
    server.child.kill('SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
    stop = true;
    await load;
    await sink.close();

    const raw = new BetterSqlite3(dbFile);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const storage = await openStorage(
      { DATABASE_URL: `sqlite:${dbFile}`, CONVERSATION_TTL_MINUTES: 60, CONVERSATION_MAX: 10 },
      silentLogger,
    );
    const storedVotes = new Set((await storage.feedback.list()).map((f) => f.turnId));
    const storedTurns = new Set((await storage.questionLog.list()).map((e) => e.conversationId));
    await storage.close();
    const lostVotes = [...votes].filter((id) => !storedVotes.has(id));
    const lostTurns = [...turns].filter((id) => !storedTurns.has(id));
    console.log(`kill -9: ${votes.size} acknowledged votes, ${turns.size} acknowledged turns`);
    expect({ lostVotes, lostTurns }).toEqual({ lostVotes: [], lostTurns: [] });
  });
});
