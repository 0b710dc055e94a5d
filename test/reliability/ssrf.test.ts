/**
 * SSRF probe for `/api/messages`: a Bot Framework activity names its own reply address (`serviceUrl`), so the bot
 * must never call an address a client picks. A "victim" HTTP listener on loopback counts every connection; each
 * hostile request must leave it untouched. Everything stays on 127.0.0.0/8: `0.0.0.0` reaches local listeners on
 * Linux (which is why it is hostile), and non-loopback clients are simulated through the injectable client address.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Activity } from '@microsoft/agents-activity';
import { TurnContext } from '@microsoft/agents-hosting';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ServiceUrlRefusedError } from '../../src/channels/botframework/adapter.js';
import { botFrameworkRouter, type BotFrameworkRouterOptions } from '../../src/channels/botframework/router.js';
import { botFrameworkRuntime } from '../../src/channels/botframework/runtime.js';
import { WEBCHAT_SERVICE_URL } from '../../src/channels/webchat/router.js';
import { errorHandler, notFoundHandler } from '../../src/http/errors.js';
import { silentLogger } from '../../src/logger.js';
import {
  activity,
  baseUrl,
  close,
  listen,
  post,
  readBridgeStream,
  signJwt,
  startApp,
  waitFor,
} from '../channels/botframework/helpers.js';
import { fakeBot, sampleAnswer } from '../helpers/fake-bot.js';

/** An internal service on this machine that must never hear from the bot. */
async function startVictim() {
  const requests: { method?: string; url?: string }[] = [];
  let connections = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    requests.push({ method: req.method, url: req.url });
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end('{"id":"victim"}');
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    requests,
    /** Connections and requests since the last reset: any contact at all. */
    get heard() {
      return connections + requests.length;
    },
    /** Forgets what was heard and drops kept-alive sockets, so each test starts from silence. */
    reset() {
      server.closeAllConnections();
      connections = 0;
      requests.length = 0;
    },
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** The bot endpoint alone, with a chosen client address (what the socket would report for a remote client). */
function endpointApp(options: BotFrameworkRouterOptions) {
  return (ctx: Parameters<typeof botFrameworkRouter>[0]) => {
    const server = express();
    server.use(botFrameworkRouter(ctx, options));
    server.use(notFoundHandler);
    server.use(errorHandler(silentLogger));
    return server;
  };
}

const REMOTE_CLIENT = '203.0.113.9'; // TEST-NET-3 (RFC 5737): never a real peer
const bot = fakeBot(() => sampleAnswer());
let victim: Awaited<ReturnType<typeof startVictim>>;
const apps: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  victim = await startVictim();
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  victim.reset();
});
afterAll(async () => victim.close());

async function start(env: Record<string, string>, options: BotFrameworkRouterOptions | undefined) {
  const app = await startApp({ bot, env, ...(options ? { build: endpointApp(options) } : {}) });
  apps.push(app);
  return app;
}

describe('anonymous /api/messages (no MICROSOFT_APP_ID)', () => {
  it('refuses the reported attack: a cross-origin text/plain POST naming an internal address (415, victim untouched)', async () => {
    const app = await start({}, undefined);
    const body = activity(`http://127.0.0.1:${victim.port}/internal/admin?x=`, { text: 'hello' });
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as any).error.code).toBe('unsupported_media_type');
    expect(victim.heard).toBe(0);
  });

  it('answers 401 to a client that is not on this machine, before reading the activity', async () => {
    const app = await start({}, { clientAddress: () => REMOTE_CLIENT });
    const res = await post(
      `${app.url}/api/messages`,
      activity(`http://127.0.0.1:${victim.port}/internal/admin?x=`, { text: 'hello' }),
    );
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(victim.heard).toBe(0);
  });

  it('uses the socket address, not X-Forwarded-For: a forged "127.0.0.1" header does not make a remote client local', async () => {
    const app = await start({}, { clientAddress: () => REMOTE_CLIENT });
    const res = await post(`${app.url}/api/messages`, activity(`http://127.0.0.1:${victim.port}/`, { text: 'hi' }), {
      'x-forwarded-for': '127.0.0.1',
    });
    expect(res.status).toBe(401);
    expect(victim.heard).toBe(0);
  });

  // Host names are refused too (unit-tested in service-url.test.ts); here only addresses, so no DNS is ever asked.
  it.each([
    ['0.0.0.0 (reaches local listeners on Linux)', () => `http://0.0.0.0:${victim.port}/internal/admin?x=`],
    ['0 (the same, written short)', () => `http://0:${victim.port}/`],
  ])('refuses a serviceUrl that is not literally loopback: %s (403, nothing sent)', async (_label, url) => {
    const app = await start({}, undefined);
    const res = await post(`${app.url}/api/messages`, activity(url(), { text: 'hello' }));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('service_url_not_allowed');
    expect(victim.heard).toBe(0);
  });

  it('with BOTFRAMEWORK_ALLOW_ANONYMOUS=true lets a remote client in, but still never replies to a non-loopback serviceUrl', async () => {
    const app = await start({ BOTFRAMEWORK_ALLOW_ANONYMOUS: 'true' }, { clientAddress: () => REMOTE_CLIENT });
    const res = await post(`${app.url}/api/messages`, activity(`http://0.0.0.0:${victim.port}/`, { text: 'hello' }));
    expect(res.status).toBe(403);
    expect(victim.heard).toBe(0);
  });

  it('control: a local client naming a loopback serviceUrl (the Emulator) is answered there, so the probe can see traffic', async () => {
    const app = await start({}, undefined);
    const res = await post(
      `${app.url}/api/messages`,
      activity(`http://127.0.0.1:${victim.port}/`, { text: 'hello', conversation: { id: 'control-1' } }),
    );
    expect(res.status).toBe(200);
    // typing, then the answer
    expect(victim.requests.map((r) => r.url)).toEqual([
      expect.stringMatching(/^\/v3\/conversations\/control-1\/activities\//),
      expect.stringMatching(/^\/v3\/conversations\/control-1\/activities\//),
    ]);
  });
});

describe('/api/messages with MICROSOFT_APP_ID (allow-list of Bot Framework / Teams hosts)', () => {
  const APP_ID = '11111111-2222-3333-4444-555555555555';
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('refuses, with a valid token, a serviceUrl outside the allow-list (403), and the victim hears nothing', async () => {
    const jwks = express();
    jwks.get('/tenant-x/discovery/v2.0/keys', (_req, res) => {
      res.json({ keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] });
    });
    const issuer = await listen(jwks);
    try {
      const authority = `${baseUrl(issuer)}/tenant-x`;
      const app = await start({}, { auth: { clientId: APP_ID, authorityEndpoint: authority, tenantId: 'tenant-x' } });
      const now = Math.floor(Date.now() / 1000);
      const token = signJwt(
        { aud: APP_ID, iss: authority, iat: now, nbf: now - 10, exp: now + 600 },
        keys.privateKey,
        'k1',
      );
      for (const url of [
        `https://127.0.0.1:${victim.port}/`,
        `http://127.0.0.1:${victim.port}/`,
        `https://0.0.0.0:${victim.port}/`,
      ]) {
        const res = await post(`${app.url}/api/messages`, activity(url, { text: 'hello' }), {
          authorization: `Bearer ${token}`,
        });
        expect(res.status, url).toBe(403);
        expect(res.body.error.code).toBe('service_url_not_allowed');
      }
      expect(victim.heard).toBe(0);
    } finally {
      await close(issuer);
    }
  });
});

describe('the adapter itself (any caller, not only the HTTP route)', () => {
  it('refuses to send a reply to a hostile serviceUrl', async () => {
    const app = await start({}, undefined);
    const { adapter } = botFrameworkRuntime(app.ctx);
    const incoming = Activity.fromObject(activity(`http://0.0.0.0:${victim.port}/`, { text: 'hello' }));
    const context = new TurnContext(adapter, incoming);
    const reply = Activity.fromObject({
      type: 'message',
      text: 'leak',
      serviceUrl: incoming.serviceUrl,
      conversation: incoming.conversation,
    });
    await expect(adapter.sendActivities(context, [reply])).rejects.toBeInstanceOf(ServiceUrlRefusedError);
    expect(victim.heard).toBe(0);
  });

  it('keeps the in-process Web Chat bridge working (its serviceUrl is registered, not on the network)', async () => {
    const app = await start({}, undefined);
    expect(botFrameworkRuntime(app.ctx).adapter.serviceUrlProblem(WEBCHAT_SERVICE_URL)).toBeUndefined();
    const session = (await post(`${app.url}/webchat/conversations`, {})).body as {
      conversationId: string;
      token: string;
    };
    const base = `${app.url}/webchat/conversations/${session.conversationId}`;
    const before = bot.calls.length;
    const sent = await post(
      `${base}/activities`,
      { type: 'message', text: 'How many infusions?' },
      { authorization: `Bearer ${session.token}` },
    );
    expect(sent.status).toBe(200);
    await waitFor(() => bot.calls.length > before);
    const stream = await readBridgeStream(`${base}/stream?token=${session.token}`, (all) =>
      all.some((a) => a.replyToId === sent.body.id && a.type === 'message'),
    );
    expect(stream.find((a) => a.replyToId === sent.body.id && a.type === 'message')?.text).toContain('[1]');
  });
});
