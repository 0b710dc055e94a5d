import express, { type Express } from 'express';
import type { AppContext } from './channels/context.js';
import { adminRouter } from './channels/admin/router.js';
import { apiRouter } from './channels/api/router.js';
import { botFrameworkRouter } from './channels/botframework/router.js';
import { articlesRouter } from './channels/articles/router.js';
import { webChatRouter } from './channels/webchat/router.js';
import { mountSlack, SLACK_EVENTS_PATH } from './channels/slack/index.js';
import { errorHandler, notFoundHandler } from './http/errors.js';
import { rateLimit } from './http/rate-limit.js';
import { requestLogger } from './http/request-logger.js';
import { apiCors, securityHeaders } from './http/security.js';
import type { ReviewService } from './review/service.js';

/** Options for {@link createApp} beyond the channel context. */
export interface AppOptions {
  /** The staff review behind `/admin` (with ADMIN_TOKEN); until it is available `/admin` answers 503. */
  review?: () => ReviewService | undefined;
}

/** A database that takes longer than this to answer `select 1` is not ready (probes usually time out at 1–5 s). */
const READY_PING_TIMEOUT_MS = 1000;

async function pingWithin(ctx: AppContext, ms: number): Promise<'ok' | 'unavailable'> {
  if (!ctx.pingStorage) return 'ok';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  try {
    await Promise.race([ctx.pingStorage(), timeout]);
    return 'ok';
  } catch (error) {
    ctx.logger.warn('readyz_storage_unavailable', { error: error instanceof Error ? error.message : String(error) });
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Builds the one express app that serves every channel. Order matters: channels that verify raw bodies
 * (Slack signatures, Bot Framework JWTs) mount before any global JSON parser; each router parses its own body.
 * Rate limits run before any body is read, so a flood costs no parsing.
 */
export function createApp(ctx: AppContext, options: AppOptions = {}): Express {
  const { config } = ctx;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(requestLogger(ctx.logger));
  app.use(securityHeaders({ frameAncestors: config.WEBCHAT_ALLOWED_ORIGINS }));

  app.get('/healthz', (_req, res) => {
    const bot = ctx.getBot();
    if (!bot) {
      res.status(503).json({ status: 'loading' });
      return;
    }
    const { chunks, model } = bot.info();
    res.json({ status: 'ok', chunks, model });
  });

  // Readiness (load balancers, the two-replica recipe): ready only when the index is loaded AND the database answers.
  app.get('/readyz', async (_req, res) => {
    const bot = ctx.getBot();
    const storage = await pingWithin(ctx, READY_PING_TIMEOUT_MS);
    const ready = bot !== undefined && storage === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', bot: bot ? 'ok' : 'loading', storage });
  });

  const minute = 60;
  const turns = rateLimit({ name: 'messages', points: config.RATE_LIMIT_TURNS_PER_MINUTE, durationSeconds: minute });
  const channelTurns = rateLimit({
    name: 'channel messages',
    points: config.RATE_LIMIT_CHANNEL_TURNS_PER_MINUTE,
    durationSeconds: minute,
  });
  const conversations = rateLimit({
    name: 'new conversations',
    points: config.RATE_LIMIT_CONVERSATIONS_PER_MINUTE,
    durationSeconds: minute,
  });
  app.use('/api/ask', apiCors(config.API_CORS_ORIGINS));
  app.post('/api/ask', turns);
  app.post('/webchat/conversations', conversations);
  app.post('/webchat/conversations/:id/activities', turns);
  app.post('/api/messages', channelTurns);
  app.post(SLACK_EVENTS_PATH, channelTurns);

  // Channel mounts (each owns its body parsing). Slack verifies signatures over the raw body: keep it first.
  mountSlack(app, ctx);
  app.use('/api', apiRouter(ctx));
  app.use(botFrameworkRouter(ctx));
  app.use(articlesRouter(ctx));
  app.use(webChatRouter(ctx));
  app.use(adminRouter({ config, logger: ctx.logger, review: options.review ?? (() => undefined) }));

  app.use(notFoundHandler);
  app.use(errorHandler(ctx.logger));
  return app;
}
