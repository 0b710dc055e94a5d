import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { vi } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { AppContext } from '../../../src/channels/context.js';
import type { Bot } from '../../../src/core/bot.js';
import { parseConfig } from '../../../src/config/env.js';
import { MemoryFeedbackStore } from '../../doubles/memory-feedback-store.js';
import { createLogger } from '../../../src/logger.js';
import type { Logger } from '../../../src/core/logger.js';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';
import { SIGNING_SECRET } from './slack-requests.js';

export interface SlackHarness {
  baseUrl: string;
  slack: FakeSlackApi;
  feedback: MemoryFeedbackStore;
  /** Log lines (parsed) written by the app. */
  logs: Record<string, unknown>[];
  /** Replace the bot the app sees (undefined: still loading). */
  setBot(bot: Bot | undefined): void;
  /** Waits (bounded) until `predicate` holds; for answers that are posted after the ack. */
  until<T>(predicate: () => T | undefined | false): Promise<T>;
  close(): Promise<void>;
}

/** The real app (createApp) on loopback port 0, Slack enabled, its Web API pointed at a fake Slack. */
export async function startSlackHarness(
  bot: Bot | undefined,
  env: Record<string, string> = {},
  /** Extra context (e.g. a shared `claimOnce`, as two replicas on one database have). */
  extra: Partial<AppContext> = {},
): Promise<SlackHarness> {
  const slack = await startFakeSlackApi();
  const feedback = new MemoryFeedbackStore();
  const logs: Record<string, unknown>[] = [];
  const logger: Logger = createLogger({
    level: 'debug',
    write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  let current = bot;
  const config = parseConfig({
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: slack.apiUrl,
    ...env,
  });
  const app = createApp({ config, logger, feedback, getBot: () => current, ...extra });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    slack,
    feedback,
    logs,
    setBot: (next) => {
      current = next;
    },
    until: (predicate) =>
      vi.waitFor(
        () => {
          const value = predicate();
          if (value === undefined || value === false) throw new Error('not yet');
          return value;
        },
        { timeout: 10_000, interval: 20 },
      ),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await slack.close();
    },
  };
}
