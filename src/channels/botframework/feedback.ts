import type { Activity } from '@microsoft/agents-activity';
import { z } from 'zod';

/** The invoke Teams sends when a user presses thumbs up/down on a message with `feedbackLoopEnabled`. */
export const SUBMIT_ACTION_INVOKE = 'message/submitAction';
/** The event Web Chat 4.18 posts when a user presses a thumbs button under a message. */
export const WEBCHAT_FEEDBACK_EVENT = 'webchat:activity-status/feedback';

/** A thumbs vote read from an activity, before it is tied to a turn. */
export interface FeedbackVote {
  rating: 'up' | 'down';
  comment?: string;
  /** Our turn id, when the channel carried it back (Web Chat). */
  turnId?: string;
  /** The reply kind, when the channel carried it back (Web Chat). */
  kind?: string;
  /** The rated reply's activity id, when the channel refers to it (Teams `replyToId`). */
  activityId?: string;
}

const TeamsFeedbackValueSchema = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({
    reaction: z.enum(['like', 'dislike']),
    feedback: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  }),
});

const WebChatActionSchema = z.object({
  '@type': z.enum(['LikeAction', 'DislikeAction']),
  '@id': z.string().min(1).max(128).optional(),
  description: z.string().min(1).max(32).optional(),
});

/** True for the Teams feedback invoke (from any channel: Direct Line clients may send the same shape). */
export function isFeedbackInvoke(activity: Activity): boolean {
  return (
    activity.type === 'invoke' &&
    activity.name === SUBMIT_ACTION_INVOKE &&
    TeamsFeedbackValueSchema.safeParse(activity.value).success
  );
}

/** True for Web Chat's thumbs event. */
export function isWebChatFeedback(activity: Activity): boolean {
  return activity.type === 'event' && activity.name === WEBCHAT_FEEDBACK_EVENT;
}

/** Reads the Teams feedback invoke: reaction, the optional "what did you like/dislike" text, and `replyToId`. */
export function readTeamsFeedback(activity: Activity): FeedbackVote | undefined {
  const parsed = TeamsFeedbackValueSchema.safeParse(activity.value);
  if (!parsed.success) return undefined;
  const { reaction, feedback } = parsed.data.actionValue;
  const comment = feedbackText(feedback);
  return {
    rating: reaction === 'like' ? 'up' : 'down',
    ...(comment ? { comment } : {}),
    ...(activity.replyToId ? { activityId: activity.replyToId } : {}),
  };
}

/** The optional comment our Web Chat page sends after a thumbs-down, as a second vote for the same turn. */
const WebChatCommentSchema = z.object({ comment: z.string() });

/**
 * Reads Web Chat's feedback event: the clicked Like/Dislike action with our turn id and kind, and the comment
 * (`value.comment`) when the page's "What was wrong?" box sent one.
 */
export function readWebChatFeedback(activity: Activity): FeedbackVote | undefined {
  for (const entity of activity.entities ?? []) {
    const parsed = WebChatActionSchema.safeParse(entity);
    if (!parsed.success) continue;
    const comment = WebChatCommentSchema.safeParse(activity.value).data?.comment.trim().slice(0, 2000);
    return {
      rating: parsed.data['@type'] === 'LikeAction' ? 'up' : 'down',
      ...(comment ? { comment } : {}),
      ...(parsed.data['@id'] ? { turnId: parsed.data['@id'] } : {}),
      ...(parsed.data.description ? { kind: parsed.data.description } : {}),
      ...(activity.replyToId ? { activityId: activity.replyToId } : {}),
    };
  }
  return undefined;
}

/** Teams sends the comment as a JSON string `{"feedbackText":"..."}` (or an object); keep only the text. */
function feedbackText(feedback: string | Record<string, unknown> | undefined): string | undefined {
  let value: unknown = feedback;
  if (typeof feedback === 'string') {
    try {
      value = JSON.parse(feedback);
    } catch {
      value = { feedbackText: feedback };
    }
  }
  const text =
    typeof value === 'object' && value !== null ? (value as { feedbackText?: unknown }).feedbackText : undefined;
  return typeof text === 'string' && text.trim() !== '' ? text.trim().slice(0, 2000) : undefined;
}
