import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { SLACK_EVENTS_PATH } from '../../../src/channels/slack/index.js';

const ManifestSchema = z.object({
  features: z.object({ slash_commands: z.array(z.object({ command: z.string(), url: z.string() })) }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.string(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.literal(true), request_url: z.string() }),
  }),
});

describe('slack/manifest.yaml', () => {
  it('points events, /ketamine and interactivity at the endpoint the app mounts, with the scopes its handlers need', async () => {
    const manifest = ManifestSchema.parse(parse(await readFile('slack/manifest.yaml', 'utf8')));
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ];
    for (const url of urls) expect(url.endsWith(SLACK_EVENTS_PATH)).toBe(true);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/ketamine']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_mention', 'message.im', 'message.channels']),
    );
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['app_mentions:read', 'chat:write', 'commands', 'im:history', 'channels:history']),
    );
  });
});
