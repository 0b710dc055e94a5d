import express, { type Express } from 'express';
import type { AppContext } from './channels/context.js';
import { apiRouter } from './channels/api/router.js';
import { botFrameworkRouter } from './channels/botframework/router.js';
import { webChatRouter } from './channels/webchat/router.js';
import { mountSlack } from './channels/slack/index.js';
import { errorHandler, notFoundHandler } from './http/errors.js';
import { requestLogger } from './http/request-logger.js';

/**
 * Builds the one express app that serves every channel. Order matters: channels that verify raw bodies
 * (Slack signatures, Bot Framework JWTs) mount before any global JSON parser; each router parses its own body.
 */
export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestLogger(ctx.logger));

  app.get('/healthz', (_req, res) => {
    const bot = ctx.getBot();
    if (!bot) {
      res.status(503).json({ status: 'loading' });
      return;
    }
    const { chunks, model } = bot.info();
    res.json({ status: 'ok', chunks, model });
  });

  // Channel mounts (each owns its body parsing). Slack verifies signatures over the raw body: keep it first.
  mountSlack(app, ctx);
  app.use('/api', apiRouter(ctx));
  app.use(botFrameworkRouter(ctx));
  app.use(webChatRouter(ctx));

  app.use(notFoundHandler);
  app.use(errorHandler(ctx.logger));
  return app;
}
