/**
 * What durable Web Chat state costs a turn: the time from POSTing a message to its answer arriving on the event
 * stream, with sessions, replay log and Bot Framework state in memory vs SQLite vs PostgreSQL (the real app over
 * loopback HTTP). The bot answers instantly with a fixed reply, so the figures are the channel's own work (bridge,
 * adapter, state) and the storage it adds, not retrieval noise. Also: how long an answer produced on one replica
 * takes to reach a stream held by another (the bridge's poll). PostgreSQL runs when TEST_DATABASE_URL is set.
 * Run alone: `npm run bench:webchat` (not part of `npm run bench`).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import type { AppContext } from '../src/channels/context.js';
import { parseConfig } from '../src/config/env.js';
import type { Bot } from '../src/core/bot.js';
import type { Reply } from '../src/core/reply.js';
import { silentLogger } from '../src/logger.js';
import { openStorage } from '../src/storage/open-storage.js';
import type { Storage } from '../src/storage/storage.js';
import { percentile } from './stats.js';

const TURNS = Number(process.env.TURNS ?? 200);
const round = (x: number) => Math.round(x * 100) / 100;

const instantBot: Bot = {
  async handleTurn(input, conversation): Promise<Reply> {
    conversation.turns.push({
      message: input.message,
      resolvedQuery: input.message,
      kind: 'answer',
      topic: [],
      chunkIds: ['doc-a#1'],
      at: Date.now(),
    });
    return {
      kind: 'answer',
      text: 'Ketamine is an anesthetic. [1]',
      citations: [{ n: 1, docId: 'doc-a', title: 'Doc A', chunkId: 'doc-a#1', quote: 'Ketamine is an anesthetic.' }],
      conversationId: conversation.id,
      meta: { turnId: randomUUID() },
    };
  },
  ask: async () => {
    throw new Error('not used');
  },
  info: () => ({ chunks: 1, model: 'instant', articles: [] }),
  exampleQuestions: () => [],
};

async function serve(storage: Storage | undefined): Promise<{ url: string; close(): Promise<void> }> {
  const config = parseConfig({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_TURNS_PER_MINUTE: '1000000',
    RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000000',
  });
  const ctx: AppContext = {
    config,
    logger: silentLogger,
    feedback: storage?.feedback ?? (await openStorage({ ...config, DATABASE_URL: 'memory:' }, silentLogger)).feedback,
    getBot: () => instantBot,
    ...(storage ? { kv: storage.kv, webchatSessions: storage.webchat! } : {}),
  };
  const server: Server = await new Promise((ok) => {
    const s = createApp(ctx).listen(0, '127.0.0.1', () => ok(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Opens a session and its stream (on `streamUrl`); `turn` posts (to `postUrl`) and resolves when the bot's answer arrives. */
async function chat(postUrl: string, streamUrl: string) {
  const session = (await (await fetch(`${postUrl}/webchat/conversations?greet=0`, { method: 'POST' })).json()) as {
    conversationId: string;
    token: string;
  };
  const base = `/webchat/conversations/${session.conversationId}`;
  const controller = new AbortController();
  const res = await fetch(`${streamUrl}${base}/stream?token=${session.token}`, { signal: controller.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let waiting: (() => void) | undefined;
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .find((line) => line.startsWith('data: '));
        buffer = buffer.slice(end + 2);
        if (!data) continue;
        const activity = JSON.parse(data.slice(6)) as { type: string; from?: { role?: string } };
        // The answer itself, not the typing indicator that precedes it.
        if (activity.type === 'message' && activity.from?.role === 'bot') waiting?.();
      }
    }
  })();
  return {
    async turn(text: string): Promise<number> {
      const started = performance.now();
      const answered = new Promise<void>((ok) => (waiting = ok));
      const sent = await fetch(`${postUrl}${base}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ type: 'message', text }),
      });
      await sent.arrayBuffer();
      await answered;
      return performance.now() - started;
    },
    close: () => controller.abort(),
  };
}

/**
 * `pauseMs`: a random pause before each turn (not timed), so turns do not fall into step with the other replica's
 * poll: back to back, every answer would wait a whole poll interval, a worst case no visitor types at.
 */
async function measure(postUrl: string, streamUrl = postUrl, pauseMs = 0): Promise<number[]> {
  const c = await chat(postUrl, streamUrl);
  for (let i = 0; i < 20; i++) await c.turn(`warm-up ${i}`);
  const times: number[] = [];
  for (let i = 0; i < TURNS; i++) {
    if (pauseMs) await new Promise((ok) => setTimeout(ok, Math.random() * pauseMs));
    times.push(await c.turn(`question ${i}`));
  }
  c.close();
  return times.sort((a, b) => a - b);
}

const work = await mkdtemp(join(tmpdir(), 'kfb-bench-webchat-'));
const engines: { name: string; url?: string }[] = [
  { name: 'memory' },
  { name: 'sqlite', url: `sqlite:${join(work, 'bot.db')}` },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres', url: process.env.TEST_DATABASE_URL }] : []),
];
const open = (url: string) =>
  openStorage({ DATABASE_URL: url, CONVERSATION_TTL_MINUTES: 60, CONVERSATION_MAX: 10_000 }, silentLogger);
const rows: Record<string, unknown>[] = [];
let memoryP50 = 0;
for (const engine of engines) {
  const storage = engine.url ? await open(engine.url) : undefined;
  const app = await serve(storage);
  const times = await measure(app.url);
  const p50 = percentile(times, 50);
  if (engine.name === 'memory') memoryP50 = p50;
  rows.push({
    engine: engine.name,
    turnP50Ms: round(p50),
    turnP95Ms: round(percentile(times, 95)),
    addedP50Ms: round(p50 - memoryP50),
  });
  if (storage) {
    // Two app instances on the same database, posting to one and streaming from the other: the poll's latency.
    const other = await open(engine.url as string);
    const second = await serve(other);
    const cross = await measure(app.url, second.url, 200);
    rows.push({
      engine: `${engine.name}, stream on the other replica`,
      turnP50Ms: round(percentile(cross, 50)),
      turnP95Ms: round(percentile(cross, 95)),
      addedP50Ms: round(percentile(cross, 50) - memoryP50),
    });
    await second.close();
    await other.close();
  }
  await app.close();
  await storage?.close();
}
await rm(work, { recursive: true, force: true });
console.table(rows);
