import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBot, sampleAnswer } from '../helpers/fake-bot.js';
import { startSlackHarness, type SlackHarness } from '../channels/slack/harness.js';
import { BOT_USER, eventEnvelope, signedPost, TEAM } from '../channels/slack/slack-requests.js';

/** One malformed request: correctly signed, so only payload validation can turn it away. */
interface FuzzCase {
  name: string;
  body: string;
  contentType: string;
}

const JSON_TYPE = 'application/json';
const FORM = 'application/x-www-form-urlencoded';
/** Values of the wrong type for a string field (null where the field is required or must be a string). */
const NOT_STRINGS: unknown[] = [null, 7, true, [], {}];
/** Values that are not an object. */
const NOT_OBJECTS: unknown[] = [null, 7, 'text', [], true];

function json(name: string, value: unknown): FuzzCase {
  return { name, body: JSON.stringify(value), contentType: JSON_TYPE };
}

function interaction(name: string, payload: string): FuzzCase {
  return { name, body: new URLSearchParams({ payload }).toString(), contentType: FORM };
}

/** With `key` removed (`value === undefined`) or replaced. */
function withField(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...base };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

function messageEvent(type: string): Record<string, unknown> {
  return {
    type,
    user: 'U1',
    text: `<@${BOT_USER}> what is ketamine?`,
    ts: '1700000001.000100',
    channel: 'C1',
    channel_type: 'channel',
  };
}

function blockActions(): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: 'U1' },
    team: { id: TEAM },
    response_url: 'http://127.0.0.1:9/response',
    actions: [{ action_id: 'ketamine_feedback_up', type: 'button', value: '{}' }],
  };
}

function slashCommand(): Record<string, string> {
  return {
    command: '/ketamine',
    text: 'what is ketamine?',
    team_id: TEAM,
    channel_id: 'C1',
    user_id: 'U1',
    response_url: 'http://127.0.0.1:9/response',
  };
}

const show = (value: unknown) => JSON.stringify(value);

/** The corpus: a few templates, each field broken in every way that matters (missing, wrong type). */
function corpus(): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const form = (name: string, body: string) => cases.push({ name, body, contentType: FORM });
  // Bodies that are not a JSON object at all.
  for (const value of [...NOT_OBJECTS, [{ type: 'event_callback' }], 0, '']) {
    cases.push(json(`top-level ${show(value)}`, value));
  }
  for (const bad of ['', '{', '{"type":', 'nul', '{"type":"event_callback",}', '\u0000', 'undefined']) {
    cases.push({ name: `bad JSON ${show(bad)}`, body: bad, contentType: JSON_TYPE });
  }
  // The envelope: type, event_id, event, and url_verification's challenge.
  const envelope = eventEnvelope(messageEvent('app_mention'), 'EvFUZZ');
  const challenge = { type: 'url_verification', token: 't', challenge: 'c' };
  for (const value of [undefined, ...NOT_STRINGS]) {
    cases.push(json(`envelope type=${show(value)}`, withField(envelope, 'type', value)));
    cases.push(json(`event_id=${show(value)}`, withField(envelope, 'event_id', value)));
    const untyped = withField(messageEvent('message'), 'type', value);
    cases.push(json(`event.type=${show(value)}`, { ...envelope, event: untyped }));
    cases.push(json(`url_verification challenge=${show(value)}`, withField(challenge, 'challenge', value)));
  }
  cases.push(json('envelope type=""', withField(envelope, 'type', '')));
  cases.push(json('event_id=""', withField(envelope, 'event_id', '')));
  for (const value of [undefined, ...NOT_OBJECTS]) {
    cases.push(json(`event=${show(value)}`, withField(envelope, 'event', value)));
  }
  // Handled events with required fields missing or of the wrong type, optional ones of the wrong type.
  for (const type of ['app_mention', 'message']) {
    const broken = (key: string, value: unknown) => {
      const event = withField(messageEvent(type), key, value);
      cases.push(json(`${type}.${key}=${show(value)}`, { ...envelope, event }));
    };
    for (const key of ['channel', 'ts']) for (const value of [undefined, ...NOT_STRINGS]) broken(key, value);
    for (const key of ['text', 'user', 'thread_ts', 'subtype']) {
      for (const value of [7, true, [], {}]) broken(key, value);
    }
  }
  // Interactivity: payload=… that is not JSON, not an object, or a block_actions without a user or actions.
  for (const payload of ['null', '7', '"text"', '[]', 'true', '{', '', 'payload', '{"type":null}', '{"type":7}']) {
    cases.push(interaction(`payload=${payload}`, payload));
  }
  for (const key of ['user', 'actions']) {
    for (const value of [undefined, ...NOT_OBJECTS]) {
      cases.push(interaction(`block_actions.${key}=${show(value)}`, show(withField(blockActions(), key, value))));
    }
  }
  const badActions = [null, 7, {}, { action_id: 7, type: 'button' }, { action_id: 'x' }, { action_id: '', type: 'b' }];
  for (const action of badActions) {
    cases.push(interaction(`block_actions.actions=[${show(action)}]`, show({ ...blockActions(), actions: [action] })));
  }
  cases.push(interaction('block_actions.user.id=7', JSON.stringify({ ...blockActions(), user: { id: 7 } })));
  form('payload twice', 'payload=%7B%7D&payload=%7B%7D');
  // Slash commands with a field missing, repeated, or not a command.
  for (const key of Object.keys(slashCommand()).filter((k) => k !== 'text')) {
    const without = withField(slashCommand(), key, undefined) as Record<string, string>;
    form(`command without ${key}`, new URLSearchParams(without).toString());
    form(`command with ${key} twice`, `${new URLSearchParams(slashCommand()).toString()}&${key}=x`);
  }
  form('command not starting with /', new URLSearchParams({ ...slashCommand(), command: 'ketamine' }).toString());
  form('command with a bad response_url', new URLSearchParams({ ...slashCommand(), response_url: 'x' }).toString());
  form('empty form', '');
  // Content types Slack never sends.
  const foreign = ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/octet-stream'];
  for (const type of foreign) {
    cases.push({ name: `content-type ${type}`, body: JSON.stringify(envelope), contentType: type });
  }
  return cases;
}

describe('Slack fuzz: malformed but validly signed payloads, over real HTTP on loopback', () => {
  let h: SlackHarness;
  const bot = fakeBot(() => sampleAnswer());
  beforeAll(async () => {
    h = await startSlackHarness(bot);
  });
  afterAll(async () => h.close());

  it('answers every one with 400 (415 for a foreign content type) and the standard error body, never 5xx', async () => {
    const cases = corpus();
    expect(cases.length).toBeGreaterThanOrEqual(100);
    const failures: string[] = [];
    for (const c of cases) {
      const res = await signedPost(`${h.baseUrl}/slack/events`, c.body, c.contentType);
      const text = await res.text();
      const expected = c.name.startsWith('content-type') ? 415 : 400;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      const shaped = typeof body === 'object' && body !== null && 'error' in body;
      const error = shaped ? (body as { error: { code?: unknown; message?: unknown } }).error : undefined;
      const ok =
        res.status === expected &&
        typeof error?.code === 'string' &&
        typeof error.message === 'string' &&
        // Our own words only: no parser message, stack frame or schema dump.
        !/position|Unexpected|\n\s+at |issues|expected":/.test(error.message);
      if (!ok) failures.push(`${c.name}: ${res.status} ${text.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    expect(bot.calls).toHaveLength(0);
    expect(h.slack.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('still answers a well-formed mention after the whole corpus', async () => {
    const mention = JSON.stringify(eventEnvelope(messageEvent('app_mention')));
    const res = await signedPost(`${h.baseUrl}/slack/events`, mention, JSON_TYPE);
    expect(res.status).toBe(200);
    await h.until(() => h.slack.callsOf('chat.postMessage').length === 1);
    expect(bot.calls.map((c) => c.input.message)).toEqual(['what is ketamine?']);
  });
});
