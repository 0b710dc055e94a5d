import { Activity } from '@microsoft/agents-activity';
import { AgentApplication, type TurnState, type Storage, type TurnContext } from '@microsoft/agents-hosting';
import type { AppContext } from '../context.js';
import { MAX_MESSAGE_CHARS, visibleText } from '../../core/message.js';
import type { FaqCloudAdapter } from './adapter.js';
import {
  isFeedbackInvoke,
  isWebChatFeedback,
  readTeamsFeedback,
  readWebChatFeedback,
  type FeedbackVote,
} from './feedback.js';
import { renderReply, TEAMS_CHANNEL } from './render.js';
import { findRecentReply, readFaqState, writeFaqState } from './state.js';
import { TurnQueue } from './turn-queue.js';
import { renderWelcome } from './welcome.js';

/** How often a typing indicator is renewed while a turn is still running. */
const TYPING_RENEW_MS = 3000;
/**
 * Most turns of one conversation in flight at once. Someone typing fast sends a few messages a second and a turn
 * takes well under one, so 32 waiting turns is a flood from a script, not a person.
 */
const MAX_QUEUED_TURNS = 32;

/** What the bot says to a message with nothing visible in it (empty, spaces, zero-width characters). */
export const BLANK_MESSAGE_REPLY =
  'Please type a question about ketamine therapy, for example "How many infusions are usual?"';
/** What the bot says when one conversation sends more messages than it can queue. */
const TOO_MANY_TURNS_REPLY =
  'You are sending messages faster than I can answer. Please wait for my reply, then ask again.';

/**
 * The SDK's AgentApplication with the turns of each conversation run one at a time (see {@link TurnQueue}).
 * Both `/api/messages` and the Web Chat bridge call `run`, so both are serialised.
 */
class SerialAgentApplication extends AgentApplication<TurnState> {
  private readonly queue = new TurnQueue({ maxPerKey: MAX_QUEUED_TURNS });

  override async run(context: TurnContext): Promise<void> {
    const { channelId, conversation } = context.activity;
    const key = `${channelId ?? ''}/${conversation?.id ?? ''}`;
    const ran = await this.queue.run(key, () => super.run(context));
    if (!ran && context.activity.type === 'message') await context.sendActivity(TOO_MANY_TURNS_REPLY);
  }
}

/** Options for {@link createFaqAgent}. */
export interface FaqAgentOptions {
  ctx: AppContext;
  adapter: FaqCloudAdapter;
  /** Conversation state storage (the SDK's `Storage`; a bounded LruStorage by default, any SDK storage fits). */
  storage: Storage;
}

/**
 * The Bot Framework agent: welcomes new members, answers messages through the same `handleTurn` core as
 * `/api/ask` (conversation state in the SDK storage), and records thumbs feedback from Teams and Web Chat.
 */
export function createFaqAgent({ ctx, adapter, storage }: FaqAgentOptions): AgentApplication<TurnState> {
  // The handler sends the first typing indicator itself (before any work); the SDK timer renews it every
  // few seconds for slow turns, since clients hide a typing indicator after ~3-5 s.
  const app = new SerialAgentApplication({
    adapter,
    storage,
    startTypingTimer: true,
    typing: { initialDelayMs: TYPING_RENEW_MS, intervalMs: TYPING_RENEW_MS },
  });

  app.onConversationUpdate('membersAdded', async (context) => {
    if (!shouldWelcome(context.activity)) return;
    const bot = ctx.getBot();
    await context.sendActivity(renderWelcome(bot ? bot.exampleQuestions(3) : []));
  });

  app.addRoute(
    async (context) => isFeedbackInvoke(context.activity),
    async (context, state) => {
      await recordFeedback(context, state, readTeamsFeedback(context.activity));
      await context.sendActivity(Activity.fromObject({ type: 'invokeResponse', value: { status: 200, body: {} } }));
    },
    true,
  );

  app.onActivity(
    async (context) => isWebChatFeedback(context.activity),
    async (context, state) => {
      await recordFeedback(context, state, readWebChatFeedback(context.activity));
    },
  );

  app.onActivity('message', async (context, state) => {
    // Invisible characters (U+200B, BOM, ...) alone are an empty message: it must never reach the bot.
    const text = visibleText(context.activity.text ?? '');
    if (text === '') {
      await context.sendActivity(BLANK_MESSAGE_REPLY);
      return;
    }
    if (text.length > MAX_MESSAGE_CHARS) {
      await context.sendActivity(
        `That message is too long: please keep questions under ${MAX_MESSAGE_CHARS} characters.`,
      );
      return;
    }
    const bot = ctx.getBot();
    if (!bot) {
      await context.sendActivity('I am still loading the articles; please ask again in a few seconds.');
      return;
    }
    await context.sendActivity(Activity.fromObject({ type: 'typing' }));
    const channelId = context.activity.channelId ?? 'unknown';
    const { conversation } = readFaqState(state, context.activity.conversation!.id);
    // Generative answers stream their verified sentences (Teams and Web Chat livestreaming via the SDK's
    // StreamingResponse); the rendered reply, with citations, is the stream's final message.
    let streamed = false;
    const onDelta = (chunk: string) => {
      streamed = true;
      context.streamingResponse.queueTextChunk(chunk);
    };
    const reply = await bot.handleTurn({ message: text, channel: channelId, onDelta }, conversation);
    const rendered = renderReply(reply, channelId);
    const activityId = streamed ? await endStream(context, rendered) : (await context.sendActivity(rendered))?.id;
    writeFaqState(state, conversation, {
      turnId: reply.meta.turnId,
      kind: reply.kind,
      activityId: activityId || undefined,
    });
    await state.save(context, storage);
    ctx.logger.debug('botframework_turn', {
      channel: channelId,
      kind: reply.kind,
      turnId: reply.meta.turnId,
      message: text,
    });
  });

  async function recordFeedback(context: TurnContext, state: TurnState, vote: FeedbackVote | undefined): Promise<void> {
    if (!vote) return;
    const activity = context.activity;
    const recent = findRecentReply(state, { turnId: vote.turnId, activityId: vote.activityId });
    const turnId = recent?.turnId ?? vote.turnId ?? `activity:${vote.activityId ?? 'unknown'}`;
    await ctx.feedback.vote({
      conversationId: activity.conversation!.id.slice(0, 256),
      voterId: (activity.from?.id ?? activity.conversation!.id).slice(0, 256),
      turnId: turnId.slice(0, 128),
      kind: (recent?.kind ?? vote.kind ?? 'unknown').slice(0, 32),
      rating: vote.rating,
      ...(vote.comment ? { comment: vote.comment } : {}),
      channel: (activity.channelId ?? 'unknown').slice(0, 32),
    });
    ctx.logger.info('feedback_recorded', { channel: activity.channelId, rating: vote.rating, turnId });
  }

  return app;
}

/** Ends a stream with the rendered reply as its final message; returns the streamed activity's id. */
async function endStream(context: TurnContext, rendered: Activity): Promise<string | undefined> {
  const stream = context.streamingResponse;
  // The final message takes the stream's attachments, not the activity's own: hand the Sources card over.
  if (rendered.attachments) stream.setAttachments(rendered.attachments);
  stream.setFinalMessage(rendered);
  await stream.endStream();
  return stream.streamId;
}

/**
 * Welcome when a person joins. Teams personal chats announce only the bot itself being added (on install),
 * which is also the moment to greet.
 */
function shouldWelcome(activity: Activity): boolean {
  const added = activity.membersAdded ?? [];
  const botId = activity.recipient?.id;
  if (added.some((member) => member.id !== botId)) return true;
  return (
    activity.channelId === TEAMS_CHANNEL && activity.conversation?.conversationType === 'personal' && added.length > 0
  );
}
