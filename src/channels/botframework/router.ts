import express, { Router } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../../errors.js';
import { authFromConfig } from './auth-config.js';
import { lazily } from './lazy-load.js';
import type { messagesHandler } from './messages-handler.js';
import { jsonOnly, localClientsOnly, socketAddress, type ClientAddress } from './request-guards.js';
import type { BotFrameworkOptions } from './runtime.js';

/** Options for {@link botFrameworkRouter}; production leaves them unset. */
export interface BotFrameworkRouterOptions extends BotFrameworkOptions {
  /** Where a request came from, for the anonymous "this machine only" rule; the TCP peer by default. */
  clientAddress?: ClientAddress;
  /** Loads the SDK side of the endpoint (tests inject a failing one); a dynamic import of messages-handler.js. */
  loadHandler?: () => Promise<{ messagesHandler: typeof messagesHandler }>;
}

/**
 * `POST /api/messages`: the Bot Framework endpoint (Teams, Azure Bot Service, Emulator, Direct Line). The Agents SDK
 * (~1.1 s of module loading, cold-start profile round 8) loads on the first request that gets past the cheap checks,
 * in its own bundle chunk (scripts/build.mjs `splitting`), like Slack's Bolt: most processes see no Bot Framework
 * activity at start, and /healthz should not wait for it.
 */
export function botFrameworkRouter(ctx: AppContext, options: BotFrameworkRouterOptions = {}): Router {
  // Known without the SDK: whether an app id is configured decides the anonymous "this machine only" rule.
  const authEnabled = Boolean((options.auth ?? authFromConfig(ctx.config)).clientId);
  const load = options.loadHandler ?? (() => import('./messages-handler.js'));
  const handler = lazily(async () => (await load()).messagesHandler(ctx, options), ctx.logger);
  const router = Router();
  // Only JSON is parsed (jsonOnly refused the rest). Parser errors (bad JSON, bad gzip, unsupported encodings)
  // go to next() and the central handler, which maps them to 400/413/415.
  const json = express.json({ limit: '256kb', type: 'application/json' });
  const localOnly = localClientsOnly({
    open: authEnabled || ctx.config.BOTFRAMEWORK_ALLOW_ANONYMOUS,
    clientAddress: options.clientAddress ?? socketAddress,
  });

  router.post('/api/messages', localOnly, jsonOnly, json, (req, res, next) => {
    handler().then((messages) => messages(req, res, next), next);
  });
  router.all('/api/messages', (req, _res, next) => {
    next(new AppError(`Use POST /api/messages (not ${req.method}).`, 'method_not_allowed', 405));
  });
  return router;
}
