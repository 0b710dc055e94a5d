import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../../src/core/bot.js';
import type { Reply } from '../../../src/core/reply.js';
import { fakeBot, sampleAnswer } from '../../helpers/fake-bot.js';
import { startSlackHarness, type SlackHarness } from './harness.js';
import {
  directMessage,
  eventEnvelope,
  mention,
  postCommand,
  postEvent,
  sendEvent,
  signedPost,
} from './slack-requests.js';

/** A bot whose answers wait until the test releases them: proves Slack is acked before the answer. */
function gatedBot(): { bot: Bot; release: () => void; asked: () => number } {
  const inner = fakeBot(() => sampleAnswer());
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let asked = 0;
  const bot: Bot = {
    ...inner,
    ask: async (input): Promise<Reply> => {
      asked += 1;
      await gate;
      return inner.ask(input);
    },
  };
  return { bot, release, asked: () => asked };
}

describe('Slack request verification, retries and acks', () => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('answers Slack’s url_verification challenge for a signed request', async () => {
    h = await startSlackHarness(fakeBot(() => sampleAnswer()));
    const res = await signedPost(
      `${h.baseUrl}/slack/events`,
      JSON.stringify({ token: 't', challenge: 'abc123', type: 'url_verification' }),
      'application/json',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });

  it('rejects missing and wrong signatures, other secrets and stale or future timestamps with 401, answering nothing', async () => {
    const bot = fakeBot(() => sampleAnswer());
    h = await startSlackHarness(bot);
    const envelope = () => eventEnvelope(mention('hi', '1700000001.000100'));
    const now = Math.floor(Date.now() / 1000);
    const cases: [Parameters<typeof postEvent>[2], string][] = [
      [{ signature: null }, 'slack_signature_missing'],
      [{ signature: 'v0=deadbeef' }, 'slack_signature_invalid'],
      [{ secret: 'someone-elses-secret' }, 'slack_signature_invalid'],
      [{ timestamp: now - 6 * 60 }, 'slack_timestamp_stale'],
      [{ timestamp: now + 6 * 60 }, 'slack_timestamp_stale'],
      [{ signature: 'v1=deadbeef' }, 'slack_signature_invalid'],
      [{ signature: 'deadbeef' }, 'slack_signature_invalid'],
      [{ headers: { 'x-slack-request-timestamp': 'soon' } }, 'slack_timestamp_invalid'],
    ];
    for (const [options, code] of cases) {
      const res = await postEvent(h.baseUrl, envelope(), options);
      expect(res.status, code).toBe(401);
      expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
    }
    const forgedCommand = await postCommand(h.baseUrl, { text: 'what is ketamine?' }, { signature: 'v0=00' });
    expect(forgedCommand.status).toBe(401);
    // A correctly signed request 4 minutes old is still fine (Slack's window is 5 minutes).
    expect((await postEvent(h.baseUrl, envelope(), { timestamp: now - 4 * 60 })).status).toBe(200);
    await h.until(() => h!.slack.callsOf('chat.postMessage').length === 1);
    expect(bot.calls).toHaveLength(1);
  });

  it('never answers a retried event twice (x-slack-retry-num), and tells Slack to stop retrying', async () => {
    const bot = fakeBot(() => sampleAnswer());
    h = await startSlackHarness(bot);
    const envelope = eventEnvelope(mention('what is ketamine?', '1700000002.000100'), 'Ev0RETRY');
    expect((await postEvent(h.baseUrl, envelope)).status).toBe(200);
    await h.until(() => h!.slack.callsOf('chat.postMessage').length === 1);
    for (const retryNum of ['1', '2']) {
      const retry = await postEvent(h.baseUrl, envelope, {
        headers: { 'x-slack-retry-num': retryNum, 'x-slack-retry-reason': 'http_timeout' },
      });
      expect(retry.status).toBe(200);
      expect(retry.headers.get('x-slack-no-retry')).toBe('1');
    }
    await sendEvent(h.baseUrl, directMessage('sentinel', '1700000003.000100'));
    await h.until(() => h!.slack.callsOf('chat.postMessage').length === 2);
    expect(bot.calls.map((c) => c.input.message)).toEqual(['what is ketamine?', 'sentinel']);
  });

  it('acks an event before the answer is ready (Slack’s 3-second limit), then posts it', async () => {
    const gated = gatedBot();
    h = await startSlackHarness(gated.bot);
    const res = await sendEvent(h.baseUrl, mention('slow one', '1700000004.000100'));
    expect(res.status).toBe(200);
    await h.until(() => gated.asked() === 1);
    expect(h.slack.callsOf('chat.postMessage')).toHaveLength(0);
    gated.release();
    await h.until(() => h!.slack.callsOf('chat.postMessage').length === 1);
  });

  it('acks well-formed requests it has no listener for at once, before Bolt could, and posts nothing', async () => {
    h = await startSlackHarness(fakeBot(() => sampleAnswer()));
    // Bolt authorizes (auth.test, held here) before it acks anything: a 200 now cannot have come through Bolt.
    const release = h.slack.hold('auth.test');
    const payload = (body: Record<string, unknown>) =>
      new URLSearchParams({ payload: JSON.stringify(body) }).toString();
    const form = 'application/x-www-form-urlencoded';
    const unhandled: [string, string][] = [
      [
        JSON.stringify(
          eventEnvelope({
            type: 'reaction_added',
            user: 'U1',
            reaction: 'thumbsup',
            item: { type: 'message', channel: 'C1', ts: '1.1' },
          }),
        ),
        'application/json',
      ],
      [JSON.stringify(eventEnvelope({ type: 'member_joined_channel', user: 'U1', channel: 'C1' })), 'application/json'],
      [
        JSON.stringify({
          token: 't',
          type: 'app_rate_limited',
          team_id: 'T1',
          minute_rate_limited: 1518467820,
          api_app_id: 'A1',
        }),
        'application/json',
      ],
      [
        payload({
          type: 'view_submission',
          user: { id: 'U1' },
          team: { id: 'T1' },
          view: { id: 'V1', callback_id: 'x' },
        }),
        form,
      ],
      [
        payload({ type: 'shortcut', callback_id: 'x', user: { id: 'U1' }, team: { id: 'T1' }, trigger_id: '1.2.3' }),
        form,
      ],
      [
        payload({
          type: 'message_action',
          callback_id: 'x',
          user: { id: 'U1' },
          team: { id: 'T1' },
          channel: { id: 'C1' },
          message: { ts: '1.1' },
        }),
        form,
      ],
    ];
    for (const [body, type] of unhandled) {
      const res = await signedPost(`${h.baseUrl}/slack/events`, body, type);
      expect(res.status, body).toBe(200);
      expect(await res.text()).toBe('');
    }
    expect(h.slack.callsOf('auth.test')).toHaveLength(0);
    release();
    // A handled mention afterwards is the only thing posted: the ones before were dropped, not queued.
    await sendEvent(h.baseUrl, mention('sentinel', '1700000005.000100'));
    await h.until(() => h!.slack.callsOf('chat.postMessage').length === 1);
    expect(h.slack.calls.map((c) => c.method)).toEqual(['auth.test', 'chat.postMessage']);
  });

  it('acks a slash command with an empty 200 before the answer is ready', async () => {
    const gated = gatedBot();
    h = await startSlackHarness(gated.bot);
    const res = await postCommand(h.baseUrl, { text: 'slow one', response_url: h.slack.responseUrl('cmd') });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await h.until(() => gated.asked() === 1);
    expect(h.slack.responses).toHaveLength(0);
    gated.release();
    await h.until(() => h!.slack.responses.length === 1);
  });

  it('answers only POST at /slack/events, and is absent when Slack is not configured', async () => {
    h = await startSlackHarness(fakeBot(() => sampleAnswer()));
    const get = await fetch(`${h.baseUrl}/slack/events`);
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    await h.close();

    h = await startSlackHarness(
      fakeBot(() => sampleAnswer()),
      { SLACK_BOT_TOKEN: '' },
    );
    const res = await postEvent(
      h.baseUrl,
      eventEnvelope({ type: 'app_mention', user: 'U1', text: 'hi', ts: '1.1', channel: 'C1' }),
    );
    expect(res.status).toBe(404);
  });
});
