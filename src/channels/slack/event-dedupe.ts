import type { RequestHandler } from 'express';
import { z } from 'zod';
import { BadRequestError } from '../../errors.js';
import type { Logger } from '../../core/logger.js';
import type { TtlMap } from './ttl-map.js';
import type { RawBodyRequest } from './verify.js';

const EventEnvelopeSchema = z.object({ type: z.literal('event_callback'), event_id: z.string().min(1) });

/**
 * Drops repeats of an Events API delivery (same `event_id`) before Bolt sees them. Slack retries when
 * it did not get a 200 within 3 seconds (`x-slack-retry-num`), and sometimes delivers twice anyway;
 * answering both would post the answer twice. Repeats get a 200, so Slack stops retrying.
 * Runs after signature verification, so a forged event id can never suppress a real event.
 */
export function dropRepeatedEvents(seen: TtlMap<true>, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const raw = (req as RawBodyRequest).rawBody;
    if (!raw || !req.is('application/json')) {
      next();
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new BadRequestError('The request body is not valid JSON.', 'invalid_json');
    }
    const envelope = EventEnvelopeSchema.safeParse(body);
    if (envelope.success && !seen.claim(envelope.data.event_id, true)) {
      logger.info('slack_event_repeat_dropped', {
        eventId: envelope.data.event_id,
        retryNum: req.get('x-slack-retry-num'),
        retryReason: req.get('x-slack-retry-reason'),
      });
      res.status(200).set('x-slack-no-retry', '1').end();
      return;
    }
    next();
  };
}
