import { activityZodSchema } from '@microsoft/agents-activity';
import type { Request as SdkRequest, WebResponse } from '@microsoft/agents-hosting';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError, BadRequestError, NotReadyError } from '../../errors.js';
import { errorBody } from '../../http/errors.js';
import type { Logger } from '../../core/logger.js';
import { ServiceUrlRefusedError } from './adapter.js';
import { authorize } from './request-guards.js';
import { botFrameworkRuntime, type BotFrameworkOptions, type BotFrameworkRuntime } from './runtime.js';
import { SERVICE_URL_PROBLEMS } from './service-url.js';

/** The fields every activity we process must carry (the SDK needs them for routing, state keys and replies). */
const RequiredActivitySchema = z
  .object(
    {
      type: z.string({ error: 'type is required' }).min(1, { error: 'type must not be empty' }),
      channelId: z.string({ error: 'channelId is required' }).min(1, { error: 'channelId must not be empty' }).max(64),
      conversation: z.object(
        {
          id: z.string({ error: 'conversation.id is required' }).min(1, { error: 'conversation.id must not be empty' }),
        },
        { error: 'conversation is required' },
      ),
      from: z.object(
        { id: z.string({ error: 'from.id is required' }).min(1, { error: 'from.id must not be empty' }) },
        { error: 'from is required' },
      ),
      recipient: z.object(
        { id: z.string({ error: 'recipient.id is required' }).min(1, { error: 'recipient.id must not be empty' }) },
        { error: 'recipient is required' },
      ),
      serviceUrl: z.url({ protocol: /^https?$/, error: 'serviceUrl must be an http(s) URL' }).optional(),
      deliveryMode: z.string().optional(),
    },
    { error: 'The body must be a Bot Framework activity (a JSON object).' },
  )
  .refine((a) => a.serviceUrl !== undefined || a.deliveryMode === 'expectReplies', {
    error: 'serviceUrl is required (the bot replies there)',
    path: ['serviceUrl'],
  });

/**
 * What `POST /api/messages` does once the SDK is loaded (src/channels/botframework/router.ts loads this module on the
 * first request): the SDK's JWT check, our activity validation, the serviceUrl allow-list, then the SDK's turn.
 * A router, so a synchronous throw reaches the central error handler as before.
 */
export function messagesHandler(ctx: AppContext, options: BotFrameworkOptions): Router {
  const runtime = botFrameworkRuntime(ctx, options);
  const router = Router();
  router.use(authorize(runtime.adapter, ctx.logger), (req: Request, res: Response, next: NextFunction) => {
    validateActivity(req.body);
    refuseServiceUrl(runtime, (req.body as { serviceUrl?: string }).serviceUrl, ctx.logger);
    if (!ctx.getBot()) throw new NotReadyError();
    processActivity(runtime, req, res, ctx.logger).catch(next);
  });
  return router;
}

/**
 * Refuses, before any work, an activity whose reply address the bot must not call (403): without an app id only
 * loopback, with one only the configured Bot Framework / Teams hosts. Nothing is sent to it, not even typing.
 */
function refuseServiceUrl(runtime: BotFrameworkRuntime, serviceUrl: string | undefined, logger: Logger): void {
  if (serviceUrl === undefined) return; // expectReplies: the replies travel back in the response body
  const problem = runtime.adapter.serviceUrlProblem(serviceUrl);
  if (!problem) return;
  logger.warn('botframework_service_url_refused', { problem, host: hostOf(serviceUrl) });
  throw new AppError(SERVICE_URL_PROBLEMS[problem], 'service_url_not_allowed', 403);
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** Throws a 400 naming the first problem; the SDK's own schema catches wrongly typed optional fields. */
export function validateActivity(body: unknown): void {
  const required = RequiredActivitySchema.safeParse(body);
  if (!required.success)
    throw new BadRequestError(
      `Invalid activity: ${required.error.issues[0]?.message ?? 'malformed'}.`,
      'invalid_activity',
    );
  const full = activityZodSchema.safeParse(body);
  if (!full.success) {
    const issue = full.error.issues[0];
    const where = issue?.path.join('.') || 'activity';
    throw new BadRequestError(`Invalid activity: ${where}: ${issue?.message ?? 'malformed'}.`, 'invalid_activity');
  }
}

/**
 * Hands the request to the SDK. Its own rejections (e.g. a serviceUrl that does not match the token) end
 * without a body: give them our error shape. A turn that cannot reach the channel service is a 502.
 */
async function processActivity(
  runtime: BotFrameworkRuntime,
  req: Request,
  res: Response,
  logger: Logger,
): Promise<void> {
  let status = 200;
  let body: unknown;
  const finish = () => {
    if (res.headersSent) return;
    if (status >= 400 && body === undefined)
      res.status(status).json(errorBody('invalid_activity', 'The activity was rejected.'));
    else if (body !== undefined) res.status(status).send(body);
    else res.status(status).end();
  };
  const web: WebResponse = {
    status: (code: number) => {
      status = code;
      return web;
    },
    setHeader: (name: string, value: string) => {
      res.setHeader(name, value);
      return web;
    },
    send: (payload?: unknown) => {
      body = payload;
      return web;
    },
    end: () => {
      finish();
      return web;
    },
    get headersSent() {
      return res.headersSent;
    },
    get writableEnded() {
      return res.writableEnded;
    },
  };
  try {
    await runtime.adapter.process(req as unknown as SdkRequest, web, (context) => runtime.agent.run(context));
  } catch (error) {
    if (error instanceof ServiceUrlRefusedError)
      throw new AppError(SERVICE_URL_PROBLEMS[error.problem], 'service_url_not_allowed', 403);
    // A typed failure of our own (e.g. 503 storage_unavailable: a vote that could not be stored) keeps its status;
    // reporting it as the channel's fault (502) misled Teams and whoever reads the logs.
    if (error instanceof AppError) throw error;
    logger.warn('botframework_delivery_failed', { error: error instanceof Error ? error.message : String(error) });
    throw new AppError('The reply could not be delivered to the channel service.', 'channel_unreachable', 502);
  }
}
