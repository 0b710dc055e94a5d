import type { RequestHandler } from 'express';
import type { Logger } from '../../core/logger.js';
import type { SlackRequestInfo } from './payload.js';
import type { TtlStore } from './ttl-store.js';

/**
 * Drops repeats of an Events API delivery (same `event_id`) before Bolt sees them. Slack retries when
 * it did not get a 200 within 3 seconds (`x-slack-retry-num`), and sometimes delivers twice anyway;
 * answering both would post the answer twice. Repeats get a 200, so Slack stops retrying.
 * Runs after signature verification and payload validation (`res.locals.slack`), so a forged event id
 * can never suppress a real event.
 */
export function dropRepeatedEvents(seen: TtlStore<true>, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const info = res.locals.slack as SlackRequestInfo | undefined;
    if (info?.kind === 'event' && !seen.claim(info.eventId, true)) {
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
