import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import { UnauthorizedError } from '../../errors.js';

/** Slack rejects, and so do we, any request whose timestamp is further than this from now (replay). */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** Options for {@link verifySlackRequest}. */
export interface VerifySlackRequestOptions {
  signingSecret: string;
  /** Clock in ms, injectable for tests. */
  now?: () => number;
  /** Largest body accepted (Slack's payloads are a few KB). */
  limit?: string;
}

/** What the verified request carries for Bolt: the exact bytes Slack signed. */
export interface RawBodyRequest {
  rawBody?: Buffer;
}

/**
 * Reads the raw body and checks Slack's `v0` HMAC signature and timestamp before anything parses it.
 * Failures are 401s in the standard `{error:{code,message}}` shape. Bolt verifies again from `rawBody`
 * (cheap, and a second line if this middleware is ever reordered). Slack's spec rejects skew in both
 * directions; Bolt only rejects old timestamps, hence this check.
 */
export function verifySlackRequest(options: VerifySlackRequestOptions): RequestHandler[] {
  const now = options.now ?? Date.now;
  const raw = express.raw({ type: () => true, limit: options.limit ?? '1mb' });
  const verify: RequestHandler = (req, _res, next) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const timestamp = req.get('x-slack-request-timestamp');
    const signature = req.get('x-slack-signature');
    if (!timestamp || !signature) {
      throw new UnauthorizedError('Missing Slack signature headers.', 'slack_signature_missing');
    }
    if (!/^\d{1,12}$/.test(timestamp)) {
      throw new UnauthorizedError('Invalid Slack request timestamp.', 'slack_timestamp_invalid');
    }
    if (Math.abs(now() / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
      throw new UnauthorizedError('Slack request timestamp is too old or too far in the future.', 'slack_timestamp_stale');
    }
    const expected = Buffer.from(signRequest(options.signingSecret, timestamp, body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnauthorizedError('Slack request signature does not match.', 'slack_signature_invalid');
    }
    (req as RawBodyRequest).rawBody = body;
    // Bolt parses form bodies only when the content type is exactly this (no charset), as Slack sends it.
    if (req.is('application/x-www-form-urlencoded')) req.headers['content-type'] = 'application/x-www-form-urlencoded';
    next();
  };
  return [raw, verify];
}

/** Slack's `v0` signature of a request body: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function signRequest(signingSecret: string, timestamp: string, body: Buffer | string): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(body);
  return `v0=${hmac.digest('hex')}`;
}
