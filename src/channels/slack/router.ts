import { App, ExpressReceiver, webApi, type Authorize, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../../errors.js';
import { errorBody } from '../../http/errors.js';
import { boltLogger } from './bolt-logger.js';
import { dropRepeatedEvents } from './event-dedupe.js';
import { registerActions } from './handlers/actions.js';
import { registerSlashCommand } from './handlers/command.js';
import { registerMessageEvents } from './handlers/events.js';
import { validateSlackPayload } from './payload.js';
import { createSlackState } from './state.js';
import { verifySlackRequest } from './verify.js';
import { SLACK_EVENTS_PATH } from './events-path.js';

/** Options for {@link slackRouter}. */
export interface SlackRouterOptions {
  signingSecret: string;
  /** Bot token (xoxb-…). */
  token: string;
}

/**
 * The Slack router: signature/replay check (Bolt's verifier, our error shape), zod validation of the payload
 * (malformed → 400, unhandled → immediate 200), retry dedupe, then Bolt's ExpressReceiver with
 * `processBeforeResponse: false`, so Slack gets its 200 as soon as a handler acks (events: at once)
 * and the answer is posted afterwards through the Web API or the response_url.
 */
/** Slack retries for up to about an hour after the first attempt: remember event ids for two. */
const SLACK_RETRY_WINDOW_MS = 2 * 60 * 60_000;

export function slackRouter(ctx: AppContext, options: SlackRouterOptions): Router {
  const router = Router();
  const state = createSlackState(ctx.config, ctx.kv ? { kv: ctx.kv, logger: ctx.logger } : undefined);
  const logger = boltLogger(ctx.logger);
  router.post(
    SLACK_EVENTS_PATH,
    ...verifySlackRequest({ signingSecret: options.signingSecret }),
    validateSlackPayload(ctx.logger),
    dropRepeatedEvents(
      ctx.claimOnce
        ? (eventId) => ctx.claimOnce!('slack:events', eventId, SLACK_RETRY_WINDOW_MS)
        : (eventId) => state.events.claim(eventId, true),
      ctx.logger,
    ),
  );

  const receiver = new ExpressReceiver({
    signingSecret: options.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    processBeforeResponse: false,
    router,
    logger,
    processEventErrorHandler: processEventError(ctx),
  });
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: withTrailingSlash(ctx.config.SLACK_API_URL),
    logger,
    // The default retries for half an hour; an answer that late is worse than a logged failure.
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
  };
  const bolt = new App({
    receiver,
    authorize: lazyAuthorize(new webApi.WebClient(undefined, clientOptions), options.token, ctx),
    clientOptions,
    logger,
    convoStore: false,
  });
  bolt.error(async (error) => {
    ctx.logger.error('slack_error', { code: error.code, error: error.message });
  });
  registerMessageEvents(bolt, ctx, state);
  registerSlashCommand(bolt, ctx, state);
  registerActions(bolt, ctx, state);

  router.all(SLACK_EVENTS_PATH, (req, _res, next) => {
    next(new AppError(`Use POST ${SLACK_EVENTS_PATH} (not ${req.method}).`, 'method_not_allowed', 405));
  });
  return router;
}

/**
 * Single-workspace authorization: `auth.test` once, on first use, for the bot's user id (Bolt's
 * `ignoreSelf` and mention stripping need it). Unlike Bolt's built-in, a failure is not cached forever
 * and cannot crash startup: the next event tries again.
 */
function lazyAuthorize(client: webApi.WebClient, token: string, ctx: AppContext): Authorize<boolean> {
  let identity: Promise<{ botUserId?: string; botId?: string; teamId?: string }> | undefined;
  return async () => {
    identity ??= client.auth.test({ token }).then(
      (result) => ({ botUserId: result.user_id, botId: result.bot_id, teamId: result.team_id }),
      (error: unknown) => {
        identity = undefined;
        ctx.logger.error('slack_auth_failed', { error: error instanceof Error ? error.message : String(error) });
        throw error;
      },
    );
    const { botUserId, botId } = await identity;
    return { botToken: token, botUserId, botId };
  };
}

/**
 * A fault inside Bolt before any ack: our generic 500 body (Bolt's default is an empty 500) and an error log; never
 * the error's own text, which is internal detail. After an ack there is no one to answer, so it is only logged.
 */
function processEventError(ctx: AppContext) {
  return async ({ error, response }: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> => {
    ctx.logger.error('slack_process_failed', { error: error instanceof Error ? error.message : String(error) });
    if (!response.headersSent) {
      response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(errorBody('internal_error', 'Something went wrong on our side. Please try again.')));
    }
    return false;
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
