import type { Server } from 'node:http';
import { createApp } from '../../../src/app.js';
import type { AppContext } from '../../../src/channels/context.js';
import type { Bot } from '../../../src/core/bot.js';
import { parseConfig } from '../../../src/config/env.js';
import { silentLogger } from '../../../src/logger.js';
import { MemoryFeedbackStore } from '../../doubles/memory-feedback-store.js';
import { baseUrl, close } from '../botframework/helpers.js';

/**
 * The real app on a loopback port that can be stopped and started again on the SAME port, like a server restart:
 * each start is a fresh app (fresh Web Chat bridge, so old conversations are unknown), sharing one feedback store.
 */
export async function startRestartableApp(options: { bot: Bot; env?: Record<string, string> }) {
  const feedback = new MemoryFeedbackStore();
  const config = parseConfig({ LOG_LEVEL: 'silent', ...options.env });
  let server: Server | undefined;
  let port = 0;
  const start = async () => {
    const ctx: AppContext = { config, logger: silentLogger, feedback, getBot: () => options.bot };
    const app = createApp(ctx);
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(port, '127.0.0.1', () => resolve(s));
      s.on('error', reject);
    });
    port = Number(new URL(baseUrl(server)).port);
  };
  await start();
  return {
    url: baseUrl(server as Server),
    feedback,
    /** Stops listening and drops every open connection (the page's event stream included). */
    stop: async () => {
      if (server) await close(server);
      server = undefined;
    },
    start,
    close: async () => {
      if (server) await close(server);
    },
  };
}
