import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret';
export const TEAM = 'T1';
export const BOT_USER = 'UBOT';

/** Options for {@link signedPost}. */
export interface SignOptions {
  /** Unix seconds; now by default. */
  timestamp?: number;
  /** Sign with this secret instead (a forged request). */
  secret?: string;
  /** Send this signature header verbatim (or none at all with `null`). */
  signature?: string | null;
  headers?: Record<string, string>;
}

/** POSTs `body` to `url` signed like Slack (`v0` HMAC-SHA256 over `v0:<ts>:<body>`). */
export async function signedPost(
  url: string,
  body: string,
  contentType: string,
  options: SignOptions = {},
): Promise<Response> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const hmac = createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex');
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': timestamp,
    ...options.headers,
  };
  if (options.signature !== null) headers['x-slack-signature'] = options.signature ?? `v0=${hmac}`;
  return fetch(url, { method: 'POST', headers, body });
}

let eventCounter = 0;

/** An Events API envelope as Slack sends it. */
export function eventEnvelope(
  event: Record<string, unknown>,
  eventId = `Ev${++eventCounter}${Date.now()}`,
): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: 'A1',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}

export function postEvent(
  baseUrl: string,
  envelope: Record<string, unknown>,
  options?: SignOptions,
): Promise<Response> {
  return signedPost(`${baseUrl}/slack/events`, JSON.stringify(envelope), 'application/json', options);
}

/** A slash command, form-encoded as Slack sends it. */
export function postCommand(baseUrl: string, fields: Record<string, string>, options?: SignOptions): Promise<Response> {
  const body = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM,
    team_domain: 'test',
    channel_id: 'C1',
    channel_name: 'general',
    user_id: 'U1',
    user_name: 'alex',
    command: '/ketamine',
    text: '',
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    trigger_id: '1.2.3',
    ...fields,
  }).toString();
  return signedPost(`${baseUrl}/slack/events`, body, 'application/x-www-form-urlencoded', options);
}

/** An interactivity payload (`payload=<json>`), form-encoded as Slack sends it. */
export function postInteraction(
  baseUrl: string,
  payload: Record<string, unknown>,
  options?: SignOptions,
): Promise<Response> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signedPost(`${baseUrl}/slack/events`, body, 'application/x-www-form-urlencoded', options);
}

/** A `block_actions` payload for a click on `button` (as rendered by the app) in a message. */
export function blockActions(options: {
  button: { action_id: string; value: string; block_id?: string };
  responseUrl: string;
  channel?: string;
  user?: string;
  message?: { ts: string; thread_ts?: string };
  ephemeral?: boolean;
}): Record<string, unknown> {
  const channel = options.channel ?? 'C1';
  const messageTs = options.message?.ts ?? '1700000000.000900';
  return {
    type: 'block_actions',
    user: { id: options.user ?? 'U1', username: 'alex', name: 'alex', team_id: TEAM },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: channel,
      is_ephemeral: options.ephemeral ?? false,
      ...(options.message?.thread_ts ? { thread_ts: options.message.thread_ts } : {}),
    },
    trigger_id: '1.2.3',
    team: { id: TEAM, domain: 'test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'general' },
    ...(options.ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            user: BOT_USER,
            bot_id: 'BBOT',
            text: 'answer',
            ...options.message,
            ts: messageTs,
          },
        }),
    state: { values: {} },
    response_url: options.responseUrl,
    actions: [
      {
        action_id: options.button.action_id,
        block_id: options.button.block_id ?? 'ketamine_feedback',
        text: { type: 'plain_text', text: 'button', emoji: true },
        value: options.button.value,
        type: 'button',
        action_ts: `${Math.floor(Date.now() / 1000)}.000001`,
      },
    ],
  };
}

/** The fields of one Slack event (what {@link eventEnvelope} wraps). */
type SlackEvent = Record<string, unknown>;

/** An `app_mention` of the bot by U1 in channel C1: `<@UBOT> text` (just `<@UBOT>` when `text` is empty). */
export function mention(text: string, ts: string, extra: SlackEvent = {}): SlackEvent {
  const addressed = text ? `<@${BOT_USER}> ${text}` : `<@${BOT_USER}>`;
  return { type: 'app_mention', user: 'U1', text: addressed, ts, channel: 'C1', ...extra };
}

/** A direct message from U1 to the bot in D1. */
export function directMessage(text: string, ts: string, extra: SlackEvent = {}): SlackEvent {
  return { type: 'message', channel_type: 'im', user: 'U1', text, ts, channel: 'D1', ...extra };
}

/** A message by U1 in channel C1 (a thread reply when `extra.thread_ts` is set), as the `message` event says it. */
export function channelMessage(text: string, ts: string, extra: SlackEvent = {}): SlackEvent {
  return { type: 'message', channel_type: 'channel', user: 'U1', text, ts, channel: 'C1', ...extra };
}

/** POSTs `event` in a new envelope (a fresh event id), signed: {@link postEvent} for the usual case. */
export function sendEvent(baseUrl: string, event: SlackEvent, options?: SignOptions): Promise<Response> {
  return postEvent(baseUrl, eventEnvelope(event), options);
}
