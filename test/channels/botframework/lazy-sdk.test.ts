import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { botFrameworkRouter, type BotFrameworkRouterOptions } from '../../../src/channels/botframework/router.js';
import { errorHandler, notFoundHandler } from '../../../src/http/errors.js';
import { fakeBot, sampleAnswer } from '../../helpers/fake-bot.js';
import { activity, post, recordingLogger, startApp, startFakeChannel } from './helpers.js';

type Loader = NonNullable<BotFrameworkRouterOptions['loadHandler']>;
const realLoader: Loader = () => import('../../../src/channels/botframework/messages-handler.js');

/** The endpoint alone, with `loadHandler` standing in for the dynamic import of the SDK side. */
async function start(loadHandler: Loader) {
  const logger = recordingLogger();
  const app = await startApp({
    bot: fakeBot(() => sampleAnswer()),
    logger,
    build: (ctx) => {
      const server = express();
      server.use(botFrameworkRouter(ctx, { loadHandler }));
      server.use(notFoundHandler);
      server.use(errorHandler(logger));
      return server;
    },
  });
  return { app, logger, endpoint: `${app.url}/api/messages` };
}

describe('POST /api/messages loads the Agents SDK on first use', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('loads it once for concurrent first requests, and not before the first request', async () => {
    let loads = 0;
    const { app, endpoint } = await start(() => {
      loads += 1;
      return realLoader();
    });
    const channel = await startFakeChannel();
    cleanups.push(app.close, channel.close);
    expect(loads).toBe(0);
    const replies = await Promise.all(
      [1, 2, 3].map((i) => post(endpoint, activity(channel.url, { text: 'hi', conversation: { id: `lazy-${i}` } }))),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(loads).toBe(1);
  });

  it('answers a failed load with 503 channel_unavailable in our error shape, logs it, and retries on the next request', async () => {
    let fail = true;
    const { app, logger, endpoint } = await start(() =>
      fail ? Promise.reject(new Error('Cannot find module /app/.build/messages-handler-X.mjs')) : realLoader(),
    );
    const channel = await startFakeChannel();
    cleanups.push(app.close, channel.close);
    const message = () => activity(channel.url, { text: 'hi', conversation: { id: 'lazy-fail' } });

    const failed = await post(endpoint, message());
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('channel_unavailable');
    expect(JSON.stringify(failed.body)).not.toContain('.build');
    expect(logger.lines.some((l) => l.event === 'botframework_load_failed')).toBe(true);

    fail = false;
    expect((await post(endpoint, message())).status).toBe(200);
  });

  it('still refuses a malformed body before loading anything', async () => {
    let loads = 0;
    const { app, endpoint } = await start(() => {
      loads += 1;
      return realLoader();
    });
    cleanups.push(app.close);
    expect((await post(endpoint, '{"type":')).status).toBe(400);
    expect(loads).toBe(0);
  });
});
