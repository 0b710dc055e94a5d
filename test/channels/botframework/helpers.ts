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
import { silentLogger } from '../../../src/logger.js';

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
export async function startApp(options: { bot?: Bot; env?: Record<string, string>; build?: (ctx: AppContext) => express.Express } = {}) {
  const feedback = new MemoryFeedbackStore();
  const config: Config = parseConfig({ LOG_LEVEL: 'silent', ...options.env });
  let bot = options.bot;
  const ctx: AppContext = { config, logger: silentLogger, feedback, getBot: () => bot };
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
