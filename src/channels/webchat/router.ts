import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Request as SdkRequest, WebResponse } from '@microsoft/agents-hosting';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError, BadRequestError, NotReadyError } from '../../errors.js';
import { fromProjectRoot } from '../../paths.js';
import { WEBCHAT_FEEDBACK_EVENT } from '../botframework/feedback.js';
import { lazily } from '../botframework/lazy-load.js';
import { localChannels } from '../botframework/local-channels.js';
import type { BotFrameworkRuntime } from '../botframework/runtime.js';
import { WebChatBridge, type BridgeActivity, type WebChatBridgePort } from './bridge.js';
import { DurableWebChatBridge } from './bridge-durable.js';
import { chatPage } from './page.js';

/** The bridge's `serviceUrl`: `.invalid` can never resolve, so a mistake cannot send replies over the network. */
export const WEBCHAT_SERVICE_URL = 'https://webchat.invalid/bridge/';
/** How the bot appears in Web Chat conversations. */
export const WEBCHAT_BOT = { id: 'ketamine-faq-bot', name: 'Ketamine FAQ', role: 'bot' } as const;

const PUBLIC_DIR = fromProjectRoot('src', 'channels', 'webchat', 'public');
/** The page's own files under `/webchat/` (an allow-list: nothing else in the folder is served). */
const PUBLIC_FILES = ['chat.js', 'bridge-parts.js', 'bridge-client.js', 'chat.css'];
const WEBCHAT_BUNDLE = join(
  dirname(createRequire(import.meta.url).resolve('botframework-webchat')),
  '..',
  'dist',
  'webchat.js',
);

/** What the page may post: Web Chat's message, event (thumbs) and typing activities. Identity is ours, not theirs. */
const PostedActivitySchema = z.object(
  {
    type: z.enum(['message', 'event', 'typing'], { error: 'type must be message, event or typing' }),
    text: z.string().max(10_000, { error: 'text is too long' }).optional(),
    textFormat: z.string().max(16).optional(),
    locale: z.string().max(20).optional(),
    name: z.string().max(100).optional(),
    value: z.unknown().optional(),
    entities: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
  },
  { error: 'The body must be an activity object.' },
);

/** `GET /`, `GET /widget.js` and the Direct-Line-style bridge under `/webchat/*` (only when WEBCHAT_ENABLED). */
/** Options for {@link webChatRouter}; production leaves them unset. */
export interface WebChatRouterOptions {
  /** Loads the Bot Framework runtime (a dynamic import by default; tests inject a slow or failing one). */
  loadRuntime?: () => Promise<BotFrameworkRuntime>;
}

export function webChatRouter(ctx: AppContext, options: WebChatRouterOptions = {}): Router {
  const router = Router();
  if (!ctx.config.WEBCHAT_ENABLED) return router;
  const bridge = createBridge(ctx);
  // Registered now, read by the adapter when it exists: the Agents SDK (~1.1 s to load) comes with the first bridged
  // turn, not at start (botframework/router.ts), as the page and its files need none of it.
  localChannels(ctx).set(WEBCHAT_SERVICE_URL, async (activity) => {
    const conversationId = activity.conversation?.id ?? '';
    const id = bridge.nextId(conversationId);
    const plain = JSON.parse(JSON.stringify(activity)) as Record<string, unknown>;
    await bridge.push(conversationId, {
      ...plain,
      id,
      type: activity.type,
      timestamp: plain.timestamp ?? new Date().toISOString(),
    });
    return id;
  });
  // One load shared by concurrent first turns; a failed one is retried by the next turn.
  const runtime = lazily(
    options.loadRuntime ??
      (() => import('../botframework/runtime.js').then(({ botFrameworkRuntime }) => botFrameworkRuntime(ctx))),
    ctx.logger,
  );

  router.get('/', (req, res) => {
    res
      .type('html')
      .set('cache-control', 'no-cache')
      .send(chatPage({ embed: req.query.embed === '1' }));
  });
  // Browsers ask for a favicon on every page; answer "no content" rather than a 404 in their console.
  router.get('/favicon.ico', (_req, res) => {
    res.set('cache-control', 'public, max-age=86400').status(204).end();
  });
  router.get('/widget.js', (_req, res) => {
    res
      .type('application/javascript')
      .set('cache-control', 'public, max-age=300')
      .sendFile(join(PUBLIC_DIR, 'widget.js'));
  });
  router.get('/webchat/webchat.js', (_req, res) => {
    res.type('application/javascript').set('cache-control', 'public, max-age=86400').sendFile(WEBCHAT_BUNDLE);
  });
  router.get('/webchat/:file', (req, res, next) => {
    if (!PUBLIC_FILES.includes(req.params.file)) return next();
    res.set('cache-control', 'public, max-age=300').sendFile(join(PUBLIC_DIR, req.params.file));
  });

  router.post('/webchat/conversations', async (req, res) => {
    if (!ctx.getBot()) throw new NotReadyError();
    // The SDK is loaded before the conversation is handed out, so the welcome is on its way before the page can post
    // its first message (a lazy load after the 201 let the visitor's message overtake the greeting).
    await runtime();
    const started = await bridge.create();
    res.status(201).json(started);
    // `?greet=0`: the page replaces a conversation the server forgot and keeps its transcript; no second welcome.
    if (req.query.greet === '0') return;
    // Like Direct Line: the bot learns about the new member and greets them.
    dispatch(ctx, runtime, {
      type: 'conversationUpdate',
      id: bridge.nextId(started.conversationId),
      membersAdded: [{ id: started.userId, name: 'You' }],
      ...envelope(started.conversationId, started.userId),
    });
  });

  router.get('/webchat/conversations/:id/stream', async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    const conversation = await bridge.authorize(req.params.id, token);
    if (!conversation) throw new AppError('Unknown conversation or wrong token.', 'forbidden', 403);
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const after = Number.parseInt(String(req.get('last-event-id') ?? '0'), 10);
    // Listen for the close first: the client may leave while the replay is still being read.
    let closed = false;
    let unsubscribe = () => {};
    // Comments keep proxies from closing an idle stream.
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
    });
    try {
      const stop = await bridge.subscribe(conversation.id, Number.isFinite(after) ? after : 0, (seq, activity) => {
        res.write(`id: ${seq}\ndata: ${JSON.stringify(activity)}\n\n`);
      });
      if (closed) stop();
      else unsubscribe = stop;
    } catch (error) {
      // Headers are sent: end the stream; the page reconnects with its Last-Event-ID and nothing is lost.
      ctx.logger.warn('webchat_stream_failed', { error: error instanceof Error ? error.message : String(error) });
      res.end();
    }
  });

  router.post(
    '/webchat/conversations/:id/activities',
    express.json({ limit: '64kb', type: () => true }),
    async (req: Request, res: Response) => {
      const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
      const conversation = await bridge.authorize(String(req.params.id), token);
      if (!conversation) throw new AppError('Unknown conversation or wrong token.', 'forbidden', 403);
      const parsed = PostedActivitySchema.safeParse(req.body);
      if (!parsed.success)
        throw new BadRequestError(
          `Invalid activity: ${parsed.error.issues[0]?.message ?? 'malformed'}.`,
          'invalid_activity',
        );
      if (!ctx.getBot()) throw new NotReadyError();
      const id = bridge.nextId(conversation.id);
      // A vote is acknowledged only once it is stored: answering first lost acknowledged votes on kill -9, and an
      // unwritable store still answered 200. A failed vote answers 503 so the widget can say it was not saved.
      const isVote = parsed.data.type === 'event' && parsed.data.name === WEBCHAT_FEEDBACK_EVENT;
      if (!isVote) res.json({ id });
      if (parsed.data.type === 'typing') return;
      const activity: BridgeActivity = {
        ...parsed.data,
        ...(parsed.data.entities ? { entities: parsed.data.entities.map(withEntityType) } : {}),
        id,
        ...envelope(conversation.id, conversation.userId),
      };
      // Echo first: Web Chat marks a message "sent" when it sees it come back with its clientActivityID.
      await bridge.push(conversation.id, activity);
      const failure = await dispatch(ctx, runtime, activity);
      if (!isVote) return;
      if (failure)
        throw failure instanceof AppError
          ? failure
          : new AppError('Your feedback could not be saved. Please try again later.', 'feedback_not_saved', 503);
      res.json({ id });
    },
  );

  return router;
}

/**
 * Sessions on the shared storage when the app has one (a restart or another replica keeps the conversation and its
 * replay log), else in process memory (tests, `DATABASE_URL=memory:`).
 */
function createBridge(ctx: AppContext): WebChatBridgePort {
  const options = { ttlMs: ctx.config.CONVERSATION_TTL_MINUTES * 60_000, max: ctx.config.CONVERSATION_MAX };
  if (!ctx.webchatSessions) return new WebChatBridge(options);
  return new DurableWebChatBridge(ctx.webchatSessions, {
    ...options,
    onError: (what, error) =>
      ctx.logger.warn('webchat_sessions_failed', {
        what,
        error: error instanceof Error ? error.message : String(error),
      }),
  });
}

/**
 * Bot Framework entities need a `type`; Web Chat's thumbs post bare schema.org actions (`@type` only), so name
 * them the schema.org way.
 */
function withEntityType(entity: Record<string, unknown>): Record<string, unknown> {
  if (typeof entity.type === 'string') return entity;
  const schemaType = typeof entity['@type'] === 'string' ? entity['@type'] : 'Thing';
  return { ...entity, type: `https://schema.org/${schemaType}` };
}

/** The addressing every bridged activity carries. */
function envelope(conversationId: string, userId: string) {
  return {
    channelId: 'webchat',
    serviceUrl: WEBCHAT_SERVICE_URL,
    timestamp: new Date().toISOString(),
    conversation: { id: conversationId },
    from: { id: userId, name: 'You', role: 'user' },
    recipient: WEBCHAT_BOT,
  };
}

/**
 * Runs the activity through the same adapter and agent as `/api/messages`, in process (no JWT: the bridge is
 * part of this server). Failures are logged (the adapter already sent the user an apology when it could) and
 * returned, so a vote can be answered with an error; resolves `undefined` on success.
 */
function dispatch(
  ctx: AppContext,
  runtime: () => Promise<BotFrameworkRuntime>,
  activity: Record<string, unknown>,
): Promise<unknown> {
  const ignore: WebResponse = {
    status: () => ignore,
    setHeader: () => ignore,
    send: () => ignore,
    end: () => ignore,
    headersSent: false,
    writableEnded: false,
  };
  const request: SdkRequest = { body: activity, headers: {}, method: 'POST' };
  return runtime()
    .then((loaded) => loaded.adapter.process(request, ignore, (context) => loaded.agent.run(context)))
    .then(
      () => undefined,
      (error: unknown) => {
        ctx.logger.error('webchat_turn_failed', { error: error instanceof Error ? error.message : String(error) });
        return error;
      },
    );
}
