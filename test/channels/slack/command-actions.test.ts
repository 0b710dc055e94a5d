import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ButtonElement, SlackBlock } from '../../../src/channels/slack/blocks.js';
import { fakeBot, sampleAnswer } from '../../helpers/fake-bot.js';
import { startSlackHarness, type SlackHarness } from './harness.js';
import { blockActions, postCommand, postInteraction, TEAM } from './slack-requests.js';

type Body = {
  response_type?: string;
  replace_original?: boolean;
  delete_original?: boolean;
  text?: string;
  blocks?: SlackBlock[];
  thread_ts?: string;
  channel?: string;
};

function buttons(blocks: SlackBlock[] | undefined): ButtonElement[] {
  return (blocks ?? []).flatMap((b) => (b.type === 'actions' ? b.elements : []));
}
function buttonById(blocks: SlackBlock[] | undefined, actionId: string): ButtonElement {
  const found = buttons(blocks).find((b) => b.action_id === actionId);
  if (!found) throw new Error(`no button ${actionId}`);
  return found;
}

describe('Slack /ketamine and button clicks', () => {
  let h: SlackHarness;
  let bot: ReturnType<typeof fakeBot>;
  const responses = (id: string) => h.slack.responses.filter((r) => r.id === id).map((r) => r.body as Body);
  const posts = () => h.slack.callsOf('chat.postMessage').map((c) => c.args as Body);

  beforeEach(async () => {
    bot = fakeBot((input) =>
      input.message.includes('crisis')
        ? { kind: 'crisis', text: 'Please call 988 now.', citations: [] }
        : sampleAnswer(),
    );
    h = await startSlackHarness(bot);
  });
  afterEach(async () => h.close());

  /** Runs `/ketamine <text>` and returns the private answer it produced. */
  async function slash(text: string, id = 'cmd'): Promise<Body> {
    const res = await postCommand(h.baseUrl, { text, response_url: h.slack.responseUrl(id) });
    expect(res.status).toBe(200);
    return h.until(() => responses(id)[0]);
  }

  it('answers /ketamine privately: the question echoed, the answer, sources and a Post to channel button', async () => {
    const answer = await slash('how long does treatment take?');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.blocks![0]).toEqual({
      type: 'context',
      block_id: 'ketamine_asked',
      elements: [{ type: 'mrkdwn', text: 'You asked: _how long does treatment take?_' }],
    });
    expect(answer.blocks![1]).toMatchObject({ type: 'section', text: { text: expect.stringContaining('[1]') } });
    expect(buttons(answer.blocks).map((b) => b.action_id)).toEqual([
      'ketamine_suggest_0',
      'ketamine_post_to_channel',
      'ketamine_feedback_up',
      'ketamine_feedback_down',
    ]);
    expect(bot.calls[0]).toMatchObject({
      input: { message: 'how long does treatment take?' },
      conversationId: `slack:${TEAM}:C1:user:U1`,
    });
    expect(h.slack.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('answers an empty /ketamine with help, and a crisis privately with the text first and no buttons', async () => {
    const help = await slash('', 'help');
    expect(help.text).toContain('I answer questions about ketamine therapy');
    const blank = await slash('\u200b\u200d\ufeff', 'blank');
    expect(blank.text).toMatch(/^Please type a question/);
    expect(bot.calls).toHaveLength(0);

    const crisis = await slash('crisis words', 'crisis');
    expect(crisis.text).toBe('Please call 988 now.');
    expect(crisis.blocks![0]).toMatchObject({ type: 'header', block_id: 'ketamine_crisis' });
    expect(crisis.blocks![1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Please call 988 now.' } });
    expect(crisis.blocks!.some((b: { type: string }) => b.type === 'actions')).toBe(false);
  });

  it('posts a private answer to the channel on click, exactly once, and removes the private copy', async () => {
    const answer = await slash('how long does treatment take?');
    const post = buttonById(answer.blocks, 'ketamine_post_to_channel');
    const click = blockActions({ button: post, responseUrl: h.slack.responseUrl('post'), ephemeral: true });
    expect((await postInteraction(h.baseUrl, click)).status).toBe(200);
    const [shared, deleted] = await h.until(() => responses('post').length === 2 && responses('post'));
    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(shared!.blocks![0]).toMatchObject({
      type: 'context',
      elements: [{ text: '<@U1> asked: _how long does treatment take?_' }],
    });
    expect(shared!.blocks![1]).toMatchObject({
      type: 'section',
      text: { text: expect.stringContaining('over several weeks. [1]') },
    });
    expect(buttons(shared!.blocks).map((b) => b.action_id)).not.toContain('ketamine_post_to_channel');
    expect(deleted).toEqual({ delete_original: true });
    expect(bot.calls).toHaveLength(1); // posted what the asker saw, not a new answer

    await postInteraction(
      h.baseUrl,
      blockActions({ button: post, responseUrl: h.slack.responseUrl('post-again'), ephemeral: true }),
    );
    await slash('sentinel', 'sentinel');
    expect(responses('post-again')).toHaveLength(0);
  });

  it('re-asks when the private answer is no longer held (restart), then posts it', async () => {
    const value = JSON.stringify({
      t: 'turn-from-before-restart',
      q: 'is ketamine addictive?',
      c: `slack:${TEAM}:C1:user:U1`,
    });
    await postInteraction(
      h.baseUrl,
      blockActions({
        button: { action_id: 'ketamine_post_to_channel', value },
        responseUrl: h.slack.responseUrl('post'),
        ephemeral: true,
      }),
    );
    const [shared] = await h.until(() => responses('post').length === 2 && responses('post'));
    expect(shared).toMatchObject({ response_type: 'in_channel' });
    expect(bot.calls[0]).toMatchObject({
      input: { message: 'is ketamine addictive?' },
      conversationId: `slack:${TEAM}:C1:user:U1`,
    });
  });

  it('asks a clicked suggestion in the same thread, as part of that thread’s conversation', async () => {
    await postInteraction(h.baseUrl, {
      ...blockActions({
        button: {
          action_id: 'ketamine_suggest_0',
          value: JSON.stringify({ q: 'What are the common side effects?', c: 'ignored-for-threads' }),
          block_id: 'ketamine_suggestions',
        },
        responseUrl: h.slack.responseUrl('s'),
        message: { ts: '1700000002.000200', thread_ts: '1700000002.000100' },
      }),
    });
    const [post] = await h.until(() => posts().length === 1 && posts());
    expect(post).toMatchObject({ channel: 'C1', thread_ts: '1700000002.000100' });
    expect(post!.blocks![0]).toMatchObject({
      type: 'context',
      elements: [{ text: '<@U1> asked: _What are the common side effects?_' }],
    });
    expect(bot.calls[0]).toMatchObject({
      input: { message: 'What are the common side effects?' },
      conversationId: `slack:${TEAM}:C1:1700000002.000100`,
    });
  });

  it('answers the clicker privately when the bot cannot post in the channel of a shared answer', async () => {
    h.slack.failNext('chat.postMessage', 'not_in_channel');
    const value = JSON.stringify({ q: 'Is ketamine addictive?' });
    await postInteraction(
      h.baseUrl,
      blockActions({
        button: { action_id: 'ketamine_suggest_1', value },
        channel: 'C7',
        responseUrl: h.slack.responseUrl('s'),
        message: { ts: '1700000005.000100' },
      }),
    );
    const [reply] = await h.until(() => responses('s')[0] && responses('s'));
    expect(reply).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: expect.stringContaining('[1]'),
    });
    expect(h.slack.callsOf('chat.postMessage')[0]?.args).toMatchObject({
      channel: 'C7',
      thread_ts: '1700000005.000100',
    });
  });

  it('asks a suggestion clicked under a private answer privately, in the slash conversation', async () => {
    const answer = await slash('how long does treatment take?');
    const suggestion = buttonById(answer.blocks, 'ketamine_suggest_0');
    await postInteraction(
      h.baseUrl,
      blockActions({ button: suggestion, responseUrl: h.slack.responseUrl('s'), ephemeral: true }),
    );
    const [reply] = await h.until(() => responses('s')[0] && responses('s'));
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(bot.calls.map((c) => [c.conversationId, c.priorTurns])).toEqual([
      [`slack:${TEAM}:C1:user:U1`, 0],
      [`slack:${TEAM}:C1:user:U1`, 1],
    ]);
    expect(h.slack.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('stores thumbs up/down in the shared feedback store, once per user and rating, and thanks the clicker privately', async () => {
    const answer = await slash('how long does treatment take?');
    const up = buttonById(answer.blocks, 'ketamine_feedback_up');
    const down = buttonById(answer.blocks, 'ketamine_feedback_down');
    await postInteraction(
      h.baseUrl,
      blockActions({ button: up, responseUrl: h.slack.responseUrl('up'), ephemeral: true }),
    );
    await h.until(() => responses('up').length === 1);
    await postInteraction(
      h.baseUrl,
      blockActions({ button: up, responseUrl: h.slack.responseUrl('up-again'), ephemeral: true }),
    );
    await postInteraction(
      h.baseUrl,
      blockActions({
        button: down,
        user: 'U2',
        responseUrl: h.slack.responseUrl('down'),
        message: { ts: '1700000003.000100', thread_ts: '1700000003.000000' },
      }),
    );
    await h.until(() => responses('down').length === 1);

    const items = await h.feedback.list();
    const turnId = (JSON.parse(up.value) as { t: string }).t;
    // Newest change first; one current vote per voter.
    const conversationId = `slack:${TEAM}:C1:user:U1`;
    expect(items.map(({ at: _at, ...rest }) => rest)).toEqual([
      { conversationId, turnId, voterId: 'U2', kind: 'answer', rating: 'down', channel: 'slack' },
      { conversationId, turnId, voterId: 'U1', kind: 'answer', rating: 'up', channel: 'slack' },
    ]);
    expect(responses('up')[0]).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Thanks for the feedback!',
    });
    expect(responses('up-again')).toHaveLength(0);
  });

  it('acks clicks it cannot use (unknown actions, tampered values) without answering', async () => {
    const unknown = await postInteraction(
      h.baseUrl,
      blockActions({ button: { action_id: 'something_else', value: 'x' }, responseUrl: h.slack.responseUrl('u') }),
    );
    const tampered = await postInteraction(
      h.baseUrl,
      blockActions({
        button: { action_id: 'ketamine_feedback_up', value: '{"t":1}' },
        responseUrl: h.slack.responseUrl('t'),
      }),
    );
    expect([unknown.status, tampered.status]).toEqual([200, 200]);
    await slash('sentinel', 'sentinel');
    expect(await h.feedback.list()).toEqual([]);
    expect(h.slack.responses.map((r) => r.id)).toEqual(['sentinel']);
  });
  it('opens an optional comment modal on thumbs-down and stores the submitted comment with the same vote', async () => {
    const answer = await slash('how long does treatment take?');
    const down = buttonById(answer.blocks, 'ketamine_feedback_down');
    await postInteraction(
      h.baseUrl,
      blockActions({ button: down, responseUrl: h.slack.responseUrl('down'), ephemeral: true }),
    );
    const [open] = await h.until(() => h.slack.callsOf('views.open')[0] && h.slack.callsOf('views.open'));
    const args = open?.args as { trigger_id: string; view: Record<string, unknown> };
    const view = args.view as {
      type: string;
      callback_id: string;
      private_metadata: string;
      blocks: { block_id: string; optional?: boolean; element: { action_id: string } }[];
    };
    expect(args.trigger_id).toBe('1.2.3');
    expect(view).toMatchObject({ type: 'modal', callback_id: 'ketamine_feedback_comment' });
    expect(view.blocks[0]).toMatchObject({ block_id: 'comment', optional: true, element: { action_id: 'text' } });

    const submission = (comment: string | null) => ({
      type: 'view_submission',
      team: { id: TEAM, domain: 'test' },
      user: { id: 'U1', username: 'alex', name: 'alex', team_id: TEAM },
      api_app_id: 'A1',
      token: 'legacy-verification-token',
      trigger_id: '1.2.4',
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: { values: { comment: { text: { type: 'plain_text_input', value: comment } } } },
      },
    });
    // Skipping the comment (an empty submission) keeps the plain thumbs-down.
    expect((await postInteraction(h.baseUrl, submission(null))).status).toBe(200);
    const turnId = (JSON.parse(down.value) as { t: string }).t;
    expect((await h.feedback.list()).map((f) => [f.turnId, f.rating, f.comment])).toEqual([
      [turnId, 'down', undefined],
    ]);

    expect(
      (await postInteraction(h.baseUrl, submission('  The answer was about sessions, not a course.  '))).status,
    ).toBe(200);
    expect((await h.feedback.list()).map((f) => [f.turnId, f.voterId, f.rating, f.comment])).toEqual([
      [turnId, 'U1', 'down', 'The answer was about sessions, not a course.'],
    ]);
  });
});
