import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { COMMENT_VIEW, decodeValue, encodeValue, type FeedbackValue, FeedbackValueSchema } from '../action-values.js';

/** The parts of the comment modal's `view_submission` this app reads. */
const CommentSubmissionSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({
      values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }))),
    }),
  }),
});

/**
 * The thumbs-down comment: the vote was stored on the click; a submitted comment replaces it with the same vote plus
 * the comment (the store keeps one current vote per turn and voter). An empty comment changes nothing.
 */
export function registerCommentView(bolt: App, ctx: AppContext): void {
  bolt.view(COMMENT_VIEW.callbackId, async ({ ack, body }) => {
    const parsed = CommentSubmissionSchema.safeParse(body);
    const value = parsed.success ? decodeValue(FeedbackValueSchema, parsed.data.view.private_metadata) : undefined;
    const comment = parsed.data?.view.state.values[COMMENT_VIEW.blockId]?.[COMMENT_VIEW.actionId]?.value?.trim();
    if (!parsed.success || !value || !comment) {
      await ack();
      return;
    }
    try {
      await ctx.feedback.vote({
        conversationId: value.c,
        turnId: value.t,
        voterId: parsed.data.user.id,
        kind: value.k,
        rating: 'down',
        comment: comment.slice(0, MAX_COMMENT_CHARS),
        channel: 'slack',
      });
      ctx.logger.info('slack_feedback_comment', { turnId: value.t });
      await ack();
    } catch (error) {
      ctx.logger.error('slack_feedback_failed', {
        turnId: value.t,
        error: error instanceof Error ? error.message : String(error),
      });
      // The modal stays open with the error under the field, so the comment is not lost.
      await ack({
        response_action: 'errors',
        errors: { [COMMENT_VIEW.blockId]: "Sorry, your comment couldn't be saved. Please try again later." },
      });
    }
  });
}

/** The feedback store's comment limit (`FeedbackSchema`). */
const MAX_COMMENT_CHARS = 2000;

/** The optional-comment modal for a thumbs-down on `value`'s turn. */
export function commentView(value: FeedbackValue): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: COMMENT_VIEW.callbackId,
    private_metadata: encodeValue(value),
    title: { type: 'plain_text', text: 'What was wrong?' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Skip' },
    blocks: [
      {
        type: 'input',
        block_id: COMMENT_VIEW.blockId,
        optional: true,
        label: { type: 'plain_text', text: 'Tell us what was wrong with the answer (optional)' },
        element: {
          type: 'plain_text_input',
          action_id: COMMENT_VIEW.actionId,
          multiline: true,
          max_length: MAX_COMMENT_CHARS,
        },
      },
    ],
  };
}
