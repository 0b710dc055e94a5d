import type { Express } from 'express';
import type { AppContext } from '../context.js';
import { SLACK_EVENTS_PATH } from './events-path.js';

export { SLACK_EVENTS_PATH };

/**
 * Mounts the Slack app at `/slack/events` when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are both set.
 * Must run before any JSON body parser: the signature covers the raw bytes. Returns whether it mounted.
 */
export function mountSlack(app: Express, ctx: AppContext): boolean {
  const { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: token } = ctx.config;
  if (!signingSecret || !token) {
    // Said once at start, so a newcomer sees why /slack/events is absent; a half-done setup is a warning.
    if (signingSecret || token) {
      const missing = signingSecret ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET';
      ctx.logger.warn('slack_disabled', { reason: `${missing} is not set (Slack needs both)`, missing: [missing] });
    } else ctx.logger.info('slack_disabled', { reason: 'SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are not set' });
    return false;
  }
  // Bolt and the Slack Web API client take 0.6–1 s to load (cold-start profile, round 8): loaded only when Slack is
  // configured, starting now so the router is ready long before Slack's first event. Mounted here, before any JSON
  // parser, as the signature check needs the raw body.
  const loading = import('./router.js').then((m) => m.slackRouter(ctx, { signingSecret, token }));
  loading.catch((error: unknown) => ctx.logger.error('slack_load_failed', { error: String(error) }));
  app.use((req, res, next) => {
    loading.then((router) => router(req, res, next), next);
  });
  ctx.logger.info('slack_enabled', { path: SLACK_EVENTS_PATH });
  return true;
}
