import { createSign, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { createApp } from '../../../src/app.js';
import type { AppContext } from '../../../src/channels/context.js';
import type { Bot } from '../../../src/core/bot.js';
import type { Conversation } from '../../../src/core/conversation.js';
import type { Reply, TurnInput } from '../../../src/core/reply.js';
import { parseConfig, type Config } from '../../../src/config/env.js';
import { MemoryFeedbackStore } from '../../doubles/memory-feedback-store.js';
import type { Logger } from '../../../src/core/logger.js';
import { createLogger, silentLogger } from '../../../src/logger.js';

/** One activity the bot sent to the fake channel service. */
export interface Received {
  conversationId: string;
  replyToId?: string;
  activity: Record<string, any>;
}

/** A loopback stand-in for the Bot Framework channel service (what `serviceUrl` points at). */
export async function startFakeChannel(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/v3/conversations/:id/activities{/:replyToId}', (req, res) => {
    received.push({ conversationId: req.params.id, replyToId: req.params.replyToId, activity: req.body });
    res.json({ id: `reply-${received.length}` });
  });
  const server = await listen(app);
  return { url: `${baseUrl(server)}/`, received, close: () => close(server) };
}

/** Starts the real app on a loopback port with a fake bot and in-memory feedback. */
export async function startApp(
  options: {
    bot?: Bot;
    env?: Record<string, string>;
    logger?: Logger;
    build?: (ctx: AppContext) => express.Express;
  } = {},
) {
  const feedback = new MemoryFeedbackStore();
  const config: Config = parseConfig({ LOG_LEVEL: 'silent', ...options.env });
  let bot = options.bot;
  const ctx: AppContext = { config, logger: options.logger ?? silentLogger, feedback, getBot: () => bot };
  const server = await listen((options.build ?? createApp)(ctx));
  return {
    url: baseUrl(server),
    feedback,
    ctx,
    setBot: (next: Bot | undefined) => (bot = next),
    close: () => close(server),
  };
}

/** Wraps a bot so the test sees every Reply (turn ids included) without touching the bot itself. */
export function recording<B extends Bot>(bot: B): B & { replies: Reply[] } {
  const replies: Reply[] = [];
  return {
    ...bot,
    replies,
    async handleTurn(input: TurnInput, conversation: Conversation) {
      const reply = await bot.handleTurn(input, conversation);
      replies.push(reply);
      return reply;
    },
  };
}

let activitySeq = 0;
/** A minimal, valid incoming activity; `serviceUrl` points at the fake channel. */
export function activity(serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  activitySeq += 1;
  return {
    type: 'message',
    id: `in-${activitySeq}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    conversation: { id: 'conv-1', conversationType: 'personal' },
    from: { id: 'user-1', name: 'Pat' },
    recipient: { id: 'bot-1', name: 'Ketamine FAQ' },
    ...overrides,
  };
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as any) : undefined };
}

export async function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

export function baseUrl(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** A logger that keeps every line as an object, for assertions on what was logged (and at which level). */
export function recordingLogger(): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    ...createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) }),
  };
}

/** Signs an RS256 JWT with node:crypto (no JWT library needed for a test token). */
export function signJwt(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const data = `${encode({ alg: 'RS256', typ: 'JWT', kid })}.${encode(payload)}`;
  const signature = createSign('RSA-SHA256').update(data).sign(key).toString('base64url');
  return `${data}.${signature}`;
}

/** Resolves once `check` returns true (polling every few ms), or rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('waitFor: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Reads a Web Chat bridge SSE stream until `until(activities)` holds (at most `maxEvents`), then closes it. */
export async function readBridgeStream(
  url: string,
  until: (activities: any[]) => boolean,
  maxEvents = 100,
): Promise<any[]> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const activities: any[] = [];
  let buffer = '';
  while (!until(activities) && activities.length < maxEvents) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    for (end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const data = buffer
        .slice(0, end)
        .split('\n')
        .find((line) => line.startsWith('data: '));
      buffer = buffer.slice(end + 2);
      if (data) activities.push(JSON.parse(data.slice(6)));
    }
  }
  controller.abort();
  return activities;
}
