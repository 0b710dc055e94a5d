import type { App, RespondArguments, RespondFn } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import {
  ACTION_IDS,
  FeedbackValueSchema,
  PostValueSchema,
  SuggestionValueSchema,
  decodeValue,
} from '../action-values.js';
import { renderNotice, renderReply, type SlackMessage } from '../blocks.js';
import { conversationIdFor, isDirectMessage, slashConversationId } from '../conversation-id.js';
import type { SlackState } from '../state.js';
import { answerInSlack, deliverAll, NOTICES } from '../turn.js';
import { commentView, registerCommentView } from './comment-view.js';

/** The parts of a `block_actions` payload this app reads. */
const BlockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1) }),
  team: z.object({ id: z.string() }).nullish(),
  container: z
    .object({
      message_ts: z.string().optional(),
      channel_id: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
      thread_ts: z.string().optional(),
    })
    .optional(),
  channel: z.object({ id: z.string() }).optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), type: z.string(), value: z.string().optional() })).min(1),
  /** Lets the app open a modal for a few seconds after the click (the thumbs-down comment). */
  trigger_id: z.string().optional(),
});
type BlockActions = z.infer<typeof BlockActionsSchema>;

interface Click {
  body: BlockActions;
  value: string | undefined;
  respond: RespondFn | undefined;
  post: (args: { channel: string; thread_ts?: string } & SlackMessage) => Promise<unknown>;
  /** Opens a modal for this click (needs its `trigger_id`). */
  openView: (view: Record<string, unknown>) => Promise<unknown>;
}

/**
 * Button clicks. One listener for every action id, acked before anything else (unknown ids too, so
 * Slack never shows a warning triangle), then dispatched by action id.
 */
export function registerActions(bolt: App, ctx: AppContext, state: SlackState): void {
  bolt.action(/.*/, async ({ ack, body, respond, client }) => {
    await ack();
    const parsed = BlockActionsSchema.safeParse(body);
    if (!parsed.success) return;
    const action = parsed.data.actions[0]!;
    const click: Click = {
      body: parsed.data,
      value: action.value,
      respond,
      post: (m) => client.chat.postMessage({ ...m, unfurl_links: false, unfurl_media: false }),
      openView: async (view) => {
        if (parsed.data.trigger_id)
          await client.views.open({ trigger_id: parsed.data.trigger_id, view: view as never });
      },
    };
    if (action.action_id.startsWith(ACTION_IDS.suggestion)) await onSuggestion(ctx, state, click);
    else if (action.action_id === ACTION_IDS.thumbsUp) await onFeedback(ctx, state, click, 'up');
    else if (action.action_id === ACTION_IDS.thumbsDown) await onFeedback(ctx, state, click, 'down');
    else if (action.action_id === ACTION_IDS.postToChannel) await onPostToChannel(ctx, state, click);
  });
  registerCommentView(bolt, ctx);
}

/** A suggested question: asked in the same place (thread, DM, or privately for `/ketamine` answers). */
async function onSuggestion(ctx: AppContext, state: SlackState, click: Click): Promise<void> {
  const value = decodeValue(SuggestionValueSchema, click.value);
  if (!value) return;
  const { body } = click;
  const team = body.team?.id ?? 'unknown';
  const channel = body.container?.channel_id ?? body.channel?.id;
  if (!channel) return;
  const ephemeral = body.container?.is_ephemeral === true || !body.message;
  if (ephemeral) {
    if (!click.respond) return;
    const respond = click.respond;
    await answerInSlack(ctx, {
      question: value.q,
      conversationId: value.c ?? slashConversationId(team, channel, body.user.id),
      surface: 'button',
      render: (reply) => renderReply(reply, { asked: { question: value.q } }),
      deliver: (m) => respond(privately(m)),
    });
    return;
  }
  const dm = isDirectMessage(channel);
  const threadTs = body.message?.thread_ts ?? body.container?.thread_ts ?? (dm ? undefined : body.message?.ts);
  const conversationId = conversationIdFor({ team, channel, threadTs });
  if (!dm) await state.threads.set(conversationId, true);
  await answerInSlack(ctx, {
    question: value.q,
    conversationId,
    surface: 'button',
    render: (reply) => renderReply(reply, { asked: { question: value.q, by: body.user.id } }),
    deliver: async (m) => {
      try {
        return await click.post({ channel, thread_ts: threadTs, ...m });
      } catch (error) {
        // The bot may not be in a channel where a shared /ketamine answer was clicked: answer the clicker privately.
        if (!click.respond || !NOT_A_MEMBER.has(slackErrorCode(error) ?? '')) throw error;
        return click.respond(privately(m));
      }
    },
  });
}

const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

function slackErrorCode(error: unknown): string | undefined {
  const code = (error as { data?: { error?: unknown } }).data?.error;
  return typeof code === 'string' ? code : undefined;
}

/** Thumbs up/down: stored in the shared feedback store; one vote per user, rating and turn. */
async function onFeedback(ctx: AppContext, state: SlackState, click: Click, rating: 'up' | 'down'): Promise<void> {
  const value = decodeValue(FeedbackValueSchema, click.value);
  if (!value) return;
  if (!(await state.clicks.claim(`vote:${value.t}:${click.body.user.id}:${rating}`, true))) return;
  let text =
    rating === 'up'
      ? 'Thanks for the feedback!'
      : 'Thanks for telling us. We use this feedback to improve the answers.';
  let saved = true;
  try {
    await ctx.feedback.vote({
      conversationId: value.c,
      turnId: value.t,
      voterId: click.body.user.id,
      kind: value.k,
      rating,
      channel: 'slack',
    });
    ctx.logger.info('slack_feedback', { turnId: value.t, kind: value.k, rating });
  } catch (error) {
    ctx.logger.error('slack_feedback_failed', {
      turnId: value.t,
      error: error instanceof Error ? error.message : String(error),
    });
    text = "Sorry, your feedback couldn't be saved. Please try again later.";
    saved = false;
  }
  const respond = click.respond;
  if (respond) await deliverAll(ctx, (m) => respond(privately(m)), [renderNotice(text)], 'feedback');
  // Thumbs-down asks for an optional comment, as Teams and Web Chat do. A modal that cannot open costs only that.
  if (rating === 'down' && saved)
    await click
      .openView(commentView(value))
      .catch((error: unknown) =>
        ctx.logger.warn('slack_comment_view_failed', { error: error instanceof Error ? error.message : String(error) }),
      );
}

/**
 * "Post to channel" on a private `/ketamine` answer: posts exactly what the asker saw (re-asked if this
 * process no longer holds it) through the response_url, then removes the private copy. Once per answer.
 */
async function onPostToChannel(ctx: AppContext, state: SlackState, click: Click): Promise<void> {
  const value = decodeValue(PostValueSchema, click.value);
  const respond = click.respond;
  if (!value || !respond) return;
  if (!(await state.clicks.claim(`post:${value.t}`, true))) return;
  let reply = (await state.answers.get(value.t))?.reply;
  if (!reply) {
    const bot = ctx.getBot();
    if (!bot) {
      await deliverAll(ctx, (m) => respond(privately(m)), [renderNotice(NOTICES.notReady)], 'post');
      return;
    }
    reply = await bot.ask({ message: value.q, conversationId: value.c, channel: 'slack' }).catch(() => undefined);
    if (!reply) {
      await deliverAll(ctx, (m) => respond(privately(m)), [renderNotice(NOTICES.failed)], 'post');
      return;
    }
  }
  const messages = renderReply(reply, { asked: { question: value.q, by: click.body.user.id } });
  const posted = await deliverAll(
    ctx,
    (m) => respond({ ...m, response_type: 'in_channel', replace_original: false }),
    messages,
    'post',
  );
  if (!posted) {
    await state.clicks.delete(`post:${value.t}`); // let the asker try again
    await deliverAll(
      ctx,
      (m) => respond(privately(m)),
      [renderNotice("Sorry, I couldn't post that to the channel.")],
      'post',
    );
    return;
  }
  // The private copy is now redundant; if Slack refuses to delete it, it fades on reload anyway.
  await respond({ delete_original: true }).catch((error: unknown) => {
    ctx.logger.warn('slack_delete_original_failed', { error: error instanceof Error ? error.message : String(error) });
  });
}

/** A new private message to the clicker, leaving the clicked message as it is. */
function privately(message: SlackMessage): RespondArguments {
  return { response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks };
}
