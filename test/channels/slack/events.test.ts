import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackBlock } from '../../../src/channels/slack/blocks.js';
import { fakeBot, sampleAnswer } from '../../helpers/fake-bot.js';
import { startSlackHarness, type SlackHarness } from './harness.js';
import { BOT_USER, channelMessage, directMessage, mention, sendEvent, TEAM } from './slack-requests.js';

type Posted = { channel?: string; thread_ts?: string; text?: string; blocks?: SlackBlock[] };

describe('Slack events: mentions, DMs and threads', () => {
  let h: SlackHarness;
  let bot: ReturnType<typeof fakeBot>;
  const posts = () => h.slack.callsOf('chat.postMessage').map((c) => c.args as Posted);

  beforeEach(async () => {
    bot = fakeBot(() => sampleAnswer());
    h = await startSlackHarness(bot);
  });
  afterEach(async () => h.close());

  it('answers a channel mention in a thread with the answer, sources, suggestions and thumbs', async () => {
    const res = await sendEvent(h.baseUrl, mention('how long does treatment take?', '1700000001.000100'));
    expect(res.status).toBe(200);
    const [post] = await h.until(() => posts().length === 1 && posts());
    expect(post).toMatchObject({ channel: 'C1', thread_ts: '1700000001.000100' });
    expect(h.slack.callsOf('chat.postMessage')[0]?.token).toBe('xoxb-test-token');
    expect(bot.calls[0]).toMatchObject({
      input: { message: 'how long does treatment take?', channel: 'slack' },
      conversationId: `slack:${TEAM}:C1:1700000001.000100`,
    });

    const blocks = post!.blocks!;
    expect(blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: expect.stringContaining('over several weeks. [1]') },
    });
    expect(post!.text).toContain('[2]');
    const sources = blocks.find((b) => b.type === 'context' && b.block_id === 'ketamine_sources_0');
    expect(sources).toMatchObject({
      elements: [
        { type: 'mrkdwn', text: '*Sources*' },
        { type: 'mrkdwn', text: '[1] *Doc A* — "Treatment is usually a series of infusions over several weeks."' },
        { type: 'mrkdwn', text: '[2] *Doc B* — "Some people need up to 12 infusions."' },
      ],
    });
    const suggestions = blocks.find((b) => b.type === 'actions' && b.block_id === 'ketamine_suggestions');
    expect(suggestions).toMatchObject({
      elements: [
        { type: 'button', text: { text: 'What are the common side effects?' }, action_id: 'ketamine_suggest_0' },
      ],
    });
    const feedback = blocks.find((b) => b.type === 'actions' && b.block_id === 'ketamine_feedback');
    expect(feedback).toMatchObject({
      elements: [{ action_id: 'ketamine_feedback_up' }, { action_id: 'ketamine_feedback_down' }],
    });
  });

  it('keeps a thread as one conversation: a mention in the thread and an unmentioned reply both continue it', async () => {
    await sendEvent(h.baseUrl, mention('what is ketamine?', '1700000002.000100'));
    await h.until(() => posts().length === 1);
    await sendEvent(
      h.baseUrl,
      mention('and is it safe?', '1700000003.000100', { user: 'U2', thread_ts: '1700000002.000100' }),
    );
    await h.until(() => posts().length === 2);
    await sendEvent(
      h.baseUrl,
      channelMessage('what about side effects?', '1700000004.000100', { thread_ts: '1700000002.000100' }),
    );
    await h.until(() => posts().length === 3);

    const conversation = `slack:${TEAM}:C1:1700000002.000100`;
    expect(bot.calls.map((c) => [c.conversationId, c.priorTurns])).toEqual([
      [conversation, 0],
      [conversation, 1],
      [conversation, 2],
    ]);
    expect(posts().map((p) => p.thread_ts)).toEqual(['1700000002.000100', '1700000002.000100', '1700000002.000100']);
  });

  it('answers a DM in the DM (not in a thread), one conversation per DM', async () => {
    await sendEvent(h.baseUrl, directMessage('what is ketamine?', '1700000005.000100'));
    await h.until(() => posts().length === 1);
    await sendEvent(h.baseUrl, directMessage('is it addictive?', '1700000006.000100'));
    await h.until(() => posts().length === 2);
    expect(posts()[0]).toMatchObject({ channel: 'D1' });
    expect(posts()[0]).not.toHaveProperty('thread_ts');
    expect(bot.calls.map((c) => [c.conversationId, c.priorTurns])).toEqual([
      [`slack:${TEAM}:D1`, 0],
      [`slack:${TEAM}:D1`, 1],
    ]);
  });

  it('ignores its own messages, other bots, message subtypes and chatter in threads it is not part of', async () => {
    const ignored = [
      directMessage('an answer I posted', '1700000007.000100', { user: BOT_USER }),
      directMessage('another bot', '1700000007.000200', { bot_id: 'B9', user: 'U9' }),
      {
        type: 'message',
        channel_type: 'im',
        subtype: 'message_changed',
        channel: 'D1',
        ts: '1700000007.000300',
        message: { text: 'edited' },
      },
      {
        type: 'message',
        channel_type: 'im',
        subtype: 'bot_message',
        bot_id: 'BBOT',
        text: 'mine',
        ts: '1700000007.000400',
        channel: 'D1',
      },
      channelMessage('what is ketamine?', '1700000007.000500'),
      channelMessage('a reply', '1700000007.000600', { thread_ts: '1600000000.000100' }),
    ];
    // A DM with a file attached is still a question.
    await sendEvent(
      h.baseUrl,
      directMessage('what is this?', '1700000006.900100', { subtype: 'file_share', files: [] }),
    );
    await h.until(() => posts().length === 1);
    for (const event of ignored) expect((await sendEvent(h.baseUrl, event)).status).toBe(200);
    // A sentinel answered after them proves the ones before were dropped, not merely slow.
    await sendEvent(h.baseUrl, directMessage('sentinel question', '1700000008.000100'));
    await h.until(() => posts().length === 2);
    expect(bot.calls.map((c) => c.input.message)).toEqual(['what is this?', 'sentinel question']);
  });

  it('does not answer a thread reply addressed to a colleague, and answers one message once even when Slack sends it twice', async () => {
    await sendEvent(h.baseUrl, mention('what is ketamine?', '1700000009.000100'));
    await h.until(() => posts().length === 1);
    await sendEvent(
      h.baseUrl,
      channelMessage('<@U2> can you check this?', '1700000009.000200', { thread_ts: '1700000009.000100' }),
    );
    // The same mention arrives as app_mention and as a message event (different event ids).
    const both = mention('is it safe?', '1700000009.000300', { thread_ts: '1700000009.000100' });
    await sendEvent(h.baseUrl, { ...both, type: 'message', channel_type: 'channel' });
    await sendEvent(h.baseUrl, both);
    await h.until(() => posts().length === 2);
    await sendEvent(h.baseUrl, directMessage('sentinel', '1700000009.000400'));
    await h.until(() => posts().length === 3);
    expect(bot.calls.map((c) => c.input.message)).toEqual(['what is ketamine?', 'is it safe?', 'sentinel']);
  });

  it('replies with help and example questions to an empty mention', async () => {
    await sendEvent(h.baseUrl, mention('', '1700000010.000100'));
    const [post] = await h.until(() => posts().length === 1 && posts());
    expect(bot.calls).toHaveLength(0);
    expect(post!.text).toContain('I answer questions about ketamine therapy');
    expect(post!.blocks!.find((b) => b.type === 'actions')).toMatchObject({
      elements: [
        { text: { text: 'How long does a ketamine session last?' } },
        { text: { text: 'What are the common side effects?' } },
        { text: { text: 'Is ketamine addictive?' } },
      ],
    });
  });

  it('never passes a message that is blank to a reader (zero-width characters, BOM, spaces) to the bot: it asks for a question', async () => {
    const blanks = ['\u200b', '\u200c\u200d', ' \ufeff ', `<@${BOT_USER}> \u200b\u2060`];
    for (const [i, text] of blanks.entries()) {
      await sendEvent(h.baseUrl, directMessage(text, `1700000010.00020${i}`));
    }
    await h.until(() => posts().length === blanks.length);
    expect(bot.calls).toHaveLength(0);
    for (const post of posts()) expect(post.text).toMatch(/^Please type a question/);
    // Invisible characters around a real question are dropped before the bot sees it.
    await sendEvent(h.baseUrl, directMessage('\u200bwhat is ketamine?\ufeff', '1700000010.000300'));
    await h.until(() => posts().length === blanks.length + 1);
    expect(bot.calls.map((c) => c.input.message)).toEqual(['what is ketamine?']);
  });

  it('says it is still starting while the index loads, and apologises when the bot fails', async () => {
    h.setBot(undefined);
    await sendEvent(h.baseUrl, mention('hi', '1700000011.000100'));
    const [loading] = await h.until(() => posts().length === 1 && posts());
    expect(loading).toMatchObject({
      thread_ts: '1700000011.000100',
      text: expect.stringContaining('still starting up'),
    });

    h.setBot({ ...bot, ask: async () => Promise.reject(new Error('index corrupted')) });
    await sendEvent(h.baseUrl, mention('hi', '1700000012.000100'));
    const failed = await h.until(() => posts().length === 2 && posts()[1]);
    expect(failed.text).toContain('something went wrong');
    expect(h.logs.some((l) => l.event === 'slack_turn_failed' && l.error === 'index corrupted')).toBe(true);
  });

  it('logs a failed delivery instead of crashing, and keeps answering', async () => {
    h.slack.failNext('chat.postMessage', 'channel_not_found');
    await sendEvent(h.baseUrl, mention('first', '1700000013.000100'));
    await h.until(() => h.logs.some((l) => l.event === 'slack_delivery_failed' && l.code === 'channel_not_found'));
    await sendEvent(h.baseUrl, mention('second', '1700000014.000100'));
    await h.until(() => posts().length === 2);
  });
});
