import type { AppContext } from '../context.js';
import type { Reply } from '../../core/reply.js';
import { MAX_MESSAGE_CHARS, visibleText } from '../../core/message.js';
import { renderNotice, type SlackMessage } from './blocks.js';

/** Sends one rendered message to wherever the user asked (a thread, a DM, a response_url). */
export type Deliver = (message: SlackMessage) => Promise<unknown>;

/** One Slack question to answer. */
export interface SlackTurn {
  /**
   * The question as plain text (mentions stripped). Blank after `visibleText` (empty, spaces, zero-width characters,
   * BOM) → a prompt to type a question, with examples; it never reaches the bot.
   */
  question: string;
  conversationId: string;
  /** Where the asker is, for logs only ("channel", "dm", "slash", "button"). */
  surface: string;
  deliver: Deliver;
  /** Turns the bot's reply into messages (the surface decides on echoes and buttons). */
  render: (reply: Reply) => SlackMessage[];
}

export const NOTICES = {
  help:
    'Please type a question. I answer questions about ketamine therapy from five published articles, ' +
    'with the passages I used, for example:',
  notReady: "I'm still starting up (loading the articles). Please ask again in a minute.",
  failed: 'Sorry, something went wrong while answering. Please try again in a moment.',
  tooLong: `That message is too long for me. Please ask a shorter question (at most ${MAX_MESSAGE_CHARS} characters).`,
} as const;

/**
 * Runs one turn and delivers the result. Never throws: while the index loads it says so, an internal fault
 * becomes an apology (and an error log), and a failed delivery is logged, because by now Slack has been
 * acked and there is no one else to tell.
 */
export async function answerInSlack(ctx: AppContext, turn: SlackTurn): Promise<void> {
  const started = Date.now();
  let messages: SlackMessage[];
  const bot = ctx.getBot();
  // What a reader sees: an invisible-only message is blank and must never be embedded (issue 9, defect 1).
  const question = visibleText(turn.question);
  if (!bot) {
    messages = [renderNotice(NOTICES.notReady)];
  } else if (question === '') {
    messages = [renderNotice(NOTICES.help, bot.exampleQuestions(3), turn.conversationId)];
  } else if (question.length > MAX_MESSAGE_CHARS) {
    messages = [renderNotice(NOTICES.tooLong)];
  } else {
    try {
      const reply = await bot.ask({ message: question, conversationId: turn.conversationId, channel: 'slack' });
      ctx.logger.info('slack_turn', {
        surface: turn.surface,
        kind: reply.kind,
        turnId: reply.meta.turnId,
        ms: Date.now() - started,
      });
      ctx.logger.debug('slack_turn_text', { turnId: reply.meta.turnId, question });
      messages = turn.render(reply);
    } catch (error) {
      ctx.logger.error('slack_turn_failed', {
        surface: turn.surface,
        error: error instanceof Error ? error.message : String(error),
      });
      messages = [renderNotice(NOTICES.failed)];
    }
  }
  await deliverAll(ctx, turn.deliver, messages, turn.surface);
}

/** Sends messages in order; a Slack API failure is logged (with Slack's error code), never thrown. */
export async function deliverAll(
  ctx: AppContext,
  deliver: Deliver,
  messages: SlackMessage[],
  surface: string,
): Promise<boolean> {
  try {
    for (const message of messages) await deliver(message);
    return true;
  } catch (error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    ctx.logger.warn('slack_delivery_failed', {
      surface,
      code,
      error: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
}
