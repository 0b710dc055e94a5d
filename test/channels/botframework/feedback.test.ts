import { Activity } from '@microsoft/agents-activity';
import { describe, expect, it } from 'vitest';
import {
  isFeedbackInvoke,
  readTeamsFeedback,
  readWebChatFeedback,
} from '../../../src/channels/botframework/feedback.js';

const invoke = (value: unknown, replyToId = 'reply-7') =>
  Activity.fromObject({ type: 'invoke', name: 'message/submitAction', value, replyToId });

describe('feedback parsing', () => {
  it('reads the Teams feedback invoke: reaction, comment text and the rated activity', () => {
    const activity = invoke({
      actionName: 'feedback',
      actionValue: { reaction: 'like', feedback: '{"feedbackText":" Clear answer "}' },
    });
    expect(isFeedbackInvoke(activity)).toBe(true);
    expect(readTeamsFeedback(activity)).toEqual({ rating: 'up', comment: 'Clear answer', activityId: 'reply-7' });
  });

  it('accepts an empty or non-JSON comment', () => {
    expect(
      readTeamsFeedback(invoke({ actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: '' } })),
    ).toEqual({ rating: 'down', activityId: 'reply-7' });
    expect(
      readTeamsFeedback(
        invoke({ actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: 'plain words' } }),
      )?.comment,
    ).toBe('plain words');
  });

  it('ignores other submit actions and malformed values', () => {
    expect(isFeedbackInvoke(invoke({ actionName: 'other' }))).toBe(false);
    expect(isFeedbackInvoke(invoke(undefined))).toBe(false);
    expect(isFeedbackInvoke(invoke({ actionName: 'feedback', actionValue: { reaction: 'meh' } }))).toBe(false);
  });

  it('reads Web Chat thumbs events', () => {
    const event = Activity.fromObject({
      type: 'event',
      name: 'webchat:activity-status/feedback',
      entities: [
        {
          type: 'https://schema.org/DislikeAction',
          '@type': 'DislikeAction',
          '@id': 'turn-3',
          description: 'no_answer',
        },
      ],
    });
    expect(readWebChatFeedback(event)).toEqual({ rating: 'down', turnId: 'turn-3', kind: 'no_answer' });
    expect(readWebChatFeedback(Activity.fromObject({ type: 'event', entities: [{ type: 'x' }] }))).toBeUndefined();
  });
});
