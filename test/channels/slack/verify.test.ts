import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySlackRequest } from '../../../src/channels/slack/verify.js';
import { errorHandler } from '../../../src/http/errors.js';
import type { Logger } from '../../../src/core/logger.js';
import { SIGNING_SECRET, signedPost } from './slack-requests.js';

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
/** The server's clock, fixed: the window is tested at its edges, not against the real time. */
const NOW_S = 1_800_000_000;

describe('verifySlackRequest (Bolt’s verifier, our 401 shape, ±5 minute window)', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    const verify = verifySlackRequest({ signingSecret: SIGNING_SECRET, now: () => NOW_S * 1000 });
    app.post('/slack', ...verify, (req, res) => {
      res.json({ raw: (req as { rawBody?: Buffer }).rawBody?.toString('utf8') });
    });
    app.use(errorHandler(silent));
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts a signed request up to 5 minutes old or ahead, and hands the exact bytes on', async () => {
    for (const skew of [-300, -1, 0, 1, 300]) {
      const res = await signedPost(url, '{"a":1}', 'application/json', { timestamp: NOW_S + skew });
      expect(res.status, `skew ${skew}`).toBe(200);
      expect(await res.json()).toEqual({ raw: '{"a":1}' });
    }
  });

  it('refuses a timestamp more than 5 minutes away in either direction as stale, with the standard body', async () => {
    for (const skew of [-301, 301, -86_400, 86_400]) {
      const res = await signedPost(url, '{}', 'application/json', { timestamp: NOW_S + skew });
      expect(res.status, `skew ${skew}`).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'slack_timestamp_stale', message: expect.any(String) } });
    }
  });

  it('maps Bolt’s signature failures to slack_signature_invalid without its internal wording', async () => {
    for (const options of [{ secret: 'other' }, { signature: 'v0=' }, { signature: 'v2=abc' }]) {
      const res = await signedPost(url, '{}', 'application/json', { timestamp: NOW_S, ...options });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('slack_signature_invalid');
      expect(body.error.message).not.toMatch(/authenticity|mismatch|version/i);
    }
  });
});
