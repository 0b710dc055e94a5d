import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { renderReply, type SlackMessage } from '../blocks.js';
import { conversationIdFor, isDirectMessage } from '../conversation-id.js';
import { mentionsBot, mentionsSomeoneElse, slackTextToPlain } from '../mrkdwn.js';
import type { SlackState } from '../state.js';
import { answerInSlack } from '../turn.js';

/** The fields of `app_mention` and `message` events this app reads; anything else is ignored. */
const UserMessageSchema = z.object({
  type: z.enum(['app_mention', 'message']),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  user: z.string().optional(),
  text: z.string().default(''),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
});
type UserMessage = z.infer<typeof UserMessageSchema>;

/** Subtypes that are still a person writing to the bot: a message with a file, a thread reply also sent to the channel. */
const ANSWERED_SUBTYPES = new Set(['file_share', 'thread_broadcast']);

interface Source {
  event: unknown;
  teamId: string;
  botUserId: string | undefined;
  post: (args: { channel: string; thread_ts?: string } & SlackMessage) => Promise<unknown>;
}

/**
 * Mentions in channels are answered in a thread (the thread is the conversation); DMs are answered in
 * the DM; replies in a thread the bot already answered in need no new mention, unless addressed to
 * someone else. Bot messages and message subtypes (edits, joins, bot posts) are ignored: no loops.
 */
export function registerMessageEvents(bolt: App, ctx: AppContext, state: SlackState): void {
  const source = (
    args: { event: unknown; body: { team_id?: string }; context: { botUserId?: string; teamId?: string } },
    post: Source['post'],
  ): Source => ({
    event: args.event,
    teamId: args.body.team_id ?? args.context.teamId ?? 'unknown',
    botUserId: args.context.botUserId,
    post,
  });

  bolt.event('app_mention', async (args) => {
    await onUserMessage(
      ctx,
      state,
      source(args, (m) => args.client.chat.postMessage(withoutUnfurls(m))),
    );
  });
  bolt.message(async (args) => {
    await onUserMessage(
      ctx,
      state,
      source(args, (m) => args.client.chat.postMessage(withoutUnfurls(m))),
    );
  });
}

async function onUserMessage(ctx: AppContext, state: SlackState, source: Source): Promise<void> {
  const parsed = UserMessageSchema.safeParse(source.event);
  if (!parsed.success) return;
  const message = parsed.data;
  if (!(await shouldAnswer(message, source.botUserId, state, source.teamId))) return;
  // One user message can arrive twice (as app_mention and as message): the first handler takes it.
  if (!(await state.messages.claim(`${message.channel}:${message.ts}`, true))) return;

  const dm = isDirectMessage(message.channel) || message.channel_type === 'im';
  // In channels every answer goes in a thread (the message's own, or the one it started); DMs stay flat.
  const threadTs = dm ? message.thread_ts : (message.thread_ts ?? message.ts);
  const conversationId = conversationIdFor({ team: source.teamId, channel: message.channel, threadTs });
  if (!dm) await state.threads.set(conversationId, true);

  await answerInSlack(ctx, {
    question: slackTextToPlain(message.text, source.botUserId),
    conversationId,
    surface: dm ? 'dm' : 'channel',
    render: (reply) => renderReply(reply),
    deliver: (m) => source.post({ channel: message.channel, thread_ts: threadTs, ...m }),
  });
}

async function shouldAnswer(
  message: UserMessage,
  botUserId: string | undefined,
  state: SlackState,
  teamId: string,
): Promise<boolean> {
  if (
    (message.subtype !== undefined && !ANSWERED_SUBTYPES.has(message.subtype)) ||
    message.bot_id !== undefined ||
    !message.user
  )
    return false;
  if (botUserId !== undefined && message.user === botUserId) return false;
  if (message.type === 'app_mention') return true;
  if (isDirectMessage(message.channel) || message.channel_type === 'im') return true;
  // A plain channel message: only a reply in a thread the bot is already part of, not aimed at a colleague.
  if (!message.thread_ts || mentionsBot(message.text, botUserId) || mentionsSomeoneElse(message.text, botUserId))
    return false;
  return state.threads.has(conversationIdFor({ team: teamId, channel: message.channel, threadTs: message.thread_ts }));
}

/** Answers cite articles, not links; previews of any link would bury the sources. */
function withoutUnfurls<T extends object>(message: T): T & { unfurl_links: false; unfurl_media: false } {
  return { ...message, unfurl_links: false, unfurl_media: false };
}
