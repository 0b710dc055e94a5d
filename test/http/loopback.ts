import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../src/app.js';
import type { Bot } from '../../src/core/bot.js';
import { parseConfig, type Config } from '../../src/config/env.js';
import { MemoryFeedbackStore } from '../doubles/memory-feedback-store.js';
import { recordingLogger } from '../index/helpers.js';

const NO_LIMITS = {
  RATE_LIMIT_TURNS_PER_MINUTE: '1000000',
  RATE_LIMIT_CHANNEL_TURNS_PER_MINUTE: '1000000',
  RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '1000000',
};

/** A running app on 127.0.0.1:<random port>. */
export interface Loopback {
  url: string;
  logger: ReturnType<typeof recordingLogger>;
  /** Swap the bot the app sees (undefined = still loading). */
  setBot(bot: Bot | undefined): void;
  close(): Promise<void>;
}

/** Starts the real express app (every channel mounted) on an ephemeral loopback port. */
export async function startLoopback(
  bot: Bot | undefined,
  config: Partial<Record<keyof Config, string>> = {},
): Promise<Loopback> {
  let current = bot;
  const logger = recordingLogger();
  const app = createApp({
    // Suites send hundreds of requests from one address: limits are off unless a test sets them.
    config: parseConfig({ WEBCHAT_ENABLED: 'true', ...NO_LIMITS, ...config }),
    logger,
    feedback: new MemoryFeedbackStore(),
    getBot: () => current,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    logger,
    setBot: (b) => {
      current = b;
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** POSTs a raw body (string) with a content type. */
export async function post(
  url: string,
  body: string,
  contentType = 'application/json',
): Promise<{ status: number; json: unknown; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** No stack trace, no file path, no internal detail in a response body. */
export function expectNoLeak(text: string): void {
  if (/\bat .+\(.+:\d+:\d+\)|node_modules|\/src\/|\.ts:\d+|Error:/.test(text))
    throw new Error(`response leaks internals: ${text.slice(0, 300)}`);
}
