import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { renderReply } from '../blocks.js';
import { slashConversationId } from '../conversation-id.js';
import { slackTextToPlain } from '../mrkdwn.js';
import type { SlackState } from '../state.js';
import { answerInSlack } from '../turn.js';

/**
 * `/ketamine <question>` (any command routed to this app, in case a workspace renamed it): acked at once
 * with an empty 200, so Slack's 3-second limit holds however long the answer takes; the answer follows
 * privately through the response_url (which works in any channel, even ones the bot has not joined),
 * with a "Post to channel" button on answers worth sharing.
 */
export function registerSlashCommand(bolt: App, ctx: AppContext, state: SlackState): void {
  bolt.command(/.*/, async ({ command, ack, respond }) => {
    await ack();
    const text = slackTextToPlain(command.text ?? '');
    const question = /^(help|\?)$/i.test(text) ? '' : text;
    const conversationId = slashConversationId(
      command.team_id || command.enterprise_id || 'unknown',
      command.channel_id,
      command.user_id,
    );
    await answerInSlack(ctx, {
      question,
      conversationId,
      surface: 'slash',
      render: (reply) => {
        const shareable = reply.kind === 'answer';
        // Not awaited (render is synchronous); a failed write is logged by the store and "Post to channel" re-asks.
        if (shareable) void state.answers.set(reply.meta.turnId, { reply, question });
        return renderReply(reply, { asked: { question }, postToChannel: shareable ? { question } : undefined });
      },
      deliver: (m) => respond({ response_type: 'ephemeral', text: m.text, blocks: m.blocks }),
    });
  });
}
