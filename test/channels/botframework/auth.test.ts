import { generateKeyPairSync } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botFrameworkRouter } from '../../../src/channels/botframework/router.js';
import { errorHandler, notFoundHandler } from '../../../src/http/errors.js';
import { silentLogger } from '../../../src/logger.js';
import { fakeBot, sampleAnswer } from '../../helpers/fake-bot.js';
import { activity, baseUrl, close, listen, post, recordingLogger, signJwt, startApp } from './helpers.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';

const sign = signJwt;

describe('POST /api/messages with MICROSOFT_APP_ID (JWT enforced)', () => {
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let keys: Awaited<ReturnType<typeof listen>>;
  let authority: string;
  let app: Awaited<ReturnType<typeof startApp>>;
  let endpoint: string;

  beforeAll(async () => {
    // The token issuer's key set, served on loopback (the SDK fetches it from the configured authority).
    const jwks = express();
    jwks.get('/tenant-x/discovery/v2.0/keys', (_req, res) => {
      res.json({ keys: [{ ...trusted.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] });
    });
    keys = await listen(jwks);
    authority = `${baseUrl(keys)}/tenant-x`;
    app = await startApp({
      bot: fakeBot(() => sampleAnswer()),
      build: (ctx) => {
        const server = express();
        server.use(
          botFrameworkRouter(ctx, { auth: { clientId: APP_ID, authorityEndpoint: authority, tenantId: 'tenant-x' } }),
        );
        server.use(notFoundHandler);
        server.use(errorHandler(silentLogger));
        return server;
      },
    });
    endpoint = `${app.url}/api/messages`;
  });
  afterAll(async () => {
    await app.close();
    await close(keys);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({ aud: APP_ID, iss: authority, iat: now(), nbf: now() - 10, exp: now() + 600 });
  const message = () =>
    activity('https://smba.trafficmanager.net/amer/', { text: 'hello', conversation: { id: 'auth-1' } });

  it('rejects a request without a token with 401', async () => {
    const res = await post(endpoint, message());
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('rejects a malformed Authorization header with 401', async () => {
    const res = await post(endpoint, message(), { authorization: 'Basic abc' });
    expect(res.status).toBe(401);
  });

  it('rejects an unsigned (alg none) token with 401', async () => {
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`;
    const res = await post(endpoint, message(), { authorization: `Bearer ${unsigned}` });
    expect(res.status).toBe(401);
  });

  it('rejects a token signed with the wrong key with 401', async () => {
    const res = await post(endpoint, message(), {
      authorization: `Bearer ${sign(claims(), attacker.privateKey, 'k1')}`,
    });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/authentication failed/i);
  });

  it('rejects a correctly signed token for another app with 401', async () => {
    const res = await post(endpoint, message(), {
      authorization: `Bearer ${sign({ ...claims(), aud: 'someone-else' }, trusted.privateKey, 'k1')}`,
    });
    expect(res.status).toBe(401);
  });

  it('rejects an expired token with 401', async () => {
    const expired = { ...claims(), iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 };
    const res = await post(endpoint, message(), { authorization: `Bearer ${sign(expired, trusted.privateKey, 'k1')}` });
    expect(res.status).toBe(401);
  });

  it('accepts a correctly signed token and answers (expectReplies returns the replies in the body)', async () => {
    const body = { ...message(), serviceUrl: undefined, deliveryMode: 'expectReplies' };
    const res = await post(endpoint, body, { authorization: `Bearer ${sign(claims(), trusted.privateKey, 'k1')}` });
    expect(res.status).toBe(200);
    const replies = res.body.activities as { type: string; text?: string }[];
    expect(replies.find((a) => a.type === 'message')?.text).toContain('[1]');
  });
});

describe('POST /api/messages when the token issuer cannot be reached', () => {
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const logger = recordingLogger();
  let app: Awaited<ReturnType<typeof startApp>>;
  let authority: string;

  beforeAll(async () => {
    // A loopback port with nothing listening: fetching the signing keys fails inside the server.
    const gone = await listen(express());
    authority = `${baseUrl(gone)}/tenant-x`;
    await close(gone);
    app = await startApp({
      bot: fakeBot(() => sampleAnswer()),
      logger,
      build: (ctx) => {
        const server = express();
        server.use(
          botFrameworkRouter(ctx, { auth: { clientId: APP_ID, authorityEndpoint: authority, tenantId: 'tenant-x' } }),
        );
        server.use(errorHandler(silentLogger));
        return server;
      },
    });
  });
  afterAll(async () => app.close());

  it('answers 401 saying only that the token was not accepted, and logs the internal cause at warn', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = sign(
      { aud: APP_ID, iss: authority, iat: now, nbf: now - 10, exp: now + 600 },
      trusted.privateKey,
      'k1',
    );
    const message = activity('https://smba.trafficmanager.net/amer/', {
      text: 'hello',
      conversation: { id: 'auth-down-1' },
    });
    const res = await post(`${app.url}/api/messages`, message, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({
      code: 'unauthorized',
      message: 'Bot Framework authentication failed: the bearer token was not accepted.',
    });
    const port = new URL(authority).port;
    expect(JSON.stringify(res.body)).not.toContain(port);
    expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|connect/);
    const warned = logger.lines.find((line) => line.event === 'botframework_auth_failed');
    expect(warned?.level).toBe('warn');
    expect(String(warned?.detail)).toContain('ECONNREFUSED'); // the cause is kept for operators
  });
});
