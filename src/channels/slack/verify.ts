import { verifySlackRequest as boltVerifySlackRequest } from '@slack/bolt';
import express, { type RequestHandler } from 'express';
import { UnauthorizedError } from '../../errors.js';

/**
 * Slack's replay window: a request whose timestamp is further than this from now is refused. Bolt enforces it for
 * old timestamps; Slack's spec ("more than five minutes from local time") also rules out future ones, which Bolt
 * lets through, so that one direction is checked here.
 */
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
 * Reads the raw body and checks Slack's `v0` signature and timestamp with Bolt's own `verifySlackRequest` before
 * anything parses it. Failures are 401s in the standard `{error:{code,message}}` shape (Bolt's receiver would
 * answer an empty 401). Bolt's receiver verifies again from `rawBody`: cheap, and a second line if this middleware
 * is ever reordered.
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
    const nowMs = now();
    if (Number(timestamp) - nowMs / 1000 > MAX_CLOCK_SKEW_SECONDS) throw staleError();
    try {
      boltVerifySlackRequest({
        signingSecret: options.signingSecret,
        body: body.toString('utf8'),
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
        nowMilliseconds: nowMs,
      });
    } catch (error) {
      // Bolt throws plain Errors; only the message tells staleness from a bad signature.
      if (error instanceof Error && /stale/i.test(error.message)) throw staleError();
      throw new UnauthorizedError('Slack request signature does not match.', 'slack_signature_invalid');
    }
    (req as RawBodyRequest).rawBody = body;
    // Bolt parses form bodies only when the content type is exactly this (no charset), as Slack sends it.
    if (req.is('application/x-www-form-urlencoded')) req.headers['content-type'] = 'application/x-www-form-urlencoded';
    next();
  };
  return [raw, verify];
}

function staleError(): UnauthorizedError {
  return new UnauthorizedError('Slack request timestamp is too old or too far in the future.', 'slack_timestamp_stale');
}
