import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { postJson } from './helpers/http.js';
import { scaled } from './helpers/scale.js';
import { startServer, stopAll, waitFor } from './helpers/server.js';

/**
 * Issue 13's loss target on the Web Chat vote path: a thumbs vote is answered 200 only once it is stored, so
 * `kill -9` under a stream of votes loses none that were acknowledged; and the Web Chat session itself, in the same
 * database, is still there for the page to reconnect to after the restart.
 */
const dir = mkdtempSync(join(tmpdir(), 'faq-bot-vote-kill-'));
const DATABASE_URL = `sqlite:${join(dir, 'bot.db')}`;
afterAll(async () => {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
});

const FEEDBACK_EVENT = 'webchat:activity-status/feedback';

describe('kill -9 during Web Chat votes', () => {
  it('keeps every acknowledged vote, and the session works after the restart', async () => {
    const server = await startServer({ env: { DATABASE_URL } });
    const sessions = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const res = await postJson(server.url, '/webchat/conversations?greet=0', {});
        expect(res.status).toBe(201);
        return JSON.parse(res.text) as { conversationId: string; token: string };
      }),
    );
    const acknowledged = new Set<string>();
    let stop = false;
    let seq = 0;
    const voter = async (session: (typeof sessions)[number]): Promise<void> => {
      while (!stop) {
        const turnId = `vote-kill-${seq++}`;
        const res = await postJson(
          server.url,
          `/webchat/conversations/${session.conversationId}/activities`,
          {
            type: 'event',
            name: FEEDBACK_EVENT,
            entities: [{ '@type': seq % 2 ? 'LikeAction' : 'DislikeAction', '@id': turnId, description: 'answer' }],
          },
          { headers: { authorization: `Bearer ${session.token}` } },
        ).catch(() => undefined);
        if (res?.status === 200) acknowledged.add(turnId);
        else if (!res) return;
      }
    };
    const load = Promise.all(sessions.map(voter));
    await waitFor(() => acknowledged.size >= scaled(500, 100), { timeoutMs: 120_000, what: 'acknowledged votes' });
    server.child.kill('SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
    stop = true;
    await load;

    const raw = new BetterSqlite3(join(dir, 'bot.db'));
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const storage = await openStorage(
      { DATABASE_URL, CONVERSATION_TTL_MINUTES: 60, CONVERSATION_MAX: 10 },
      silentLogger,
    );
    const stored = new Set((await storage.feedback.list()).map((f) => f.turnId));
    await storage.close();
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    console.log(`kill -9: ${acknowledged.size} acknowledged Web Chat votes, ${lost.length} lost`);
    expect(lost).toEqual([]);

    const again = await startServer({ env: { DATABASE_URL } });
    const [session] = sessions;
    const stream = await fetch(
      `${again.url}/webchat/conversations/${session!.conversationId}/stream?token=${session!.token}`,
    );
    expect(stream.status).toBe(200);
    await stream.body?.cancel();
    await again.stop();
  });
});
