import type { RequestHandler } from 'express';
import type { Logger } from '../../core/logger.js';
import type { SlackRequestInfo } from './payload.js';

/**
 * Drops repeats of an Events API delivery (same `event_id`) before Bolt sees them. Slack retries when
 * it did not get a 200 within 3 seconds (`x-slack-retry-num`), and sometimes delivers twice anyway;
 * answering both would post the answer twice. Repeats get a 200, so Slack stops retrying.
 * Runs after signature verification and payload validation (`res.locals.slack`), so a forged event id
 * can never suppress a real event. `claim` is shared by all replicas when the app has a database (a retry that
 * reaches the other replica is dropped too); if the shared claim fails the event is processed (a possible
 * duplicate answer beats a lost one).
 */
export function dropRepeatedEvents(
  claim: (eventId: string) => boolean | Promise<boolean>,
  logger: Logger,
): RequestHandler {
  return async (req, res, next) => {
    const info = res.locals.slack as SlackRequestInfo | undefined;
    if (info?.kind !== 'event') {
      next();
      return;
    }
    const first = await Promise.resolve(claim(info.eventId)).catch((error: unknown) => {
      logger.warn('slack_event_dedupe_failed', { error: error instanceof Error ? error.message : String(error) });
      return true;
    });
    if (!first) {
      logger.info('slack_event_repeat_dropped', {
        eventId: info.eventId,
        retryNum: req.get('x-slack-retry-num'),
        retryReason: req.get('x-slack-retry-reason'),
      });
      res.status(200).set('x-slack-no-retry', '1').end();
      return;
    }
    next();
  };
}
