import type { Conversation } from '../core/conversation.js';
import type { PolicyDecision } from '../safety/types.js';
import { isElliptical } from './follow-up.js';

/**
 * Whether a turn should ask what the user refers to instead of answering: an elliptical message ("and how long does
 * it last?", "is that normal?") with no earlier topic to borrow (the first turn, or right after `/new`).
 *
 * Why this lives here: with an empty conversation the policy has no previous turn to read the message with (its
 * "a follow-up inherits the topic" rule needs one), so such a question was judged out of scope, or retrieval guessed
 * a topic and answered something unrelated. Only those two outcomes are replaced: a crisis reply, a refusal or small
 * talk decided by the policy always stands (safety first).
 */
export function needsContext(message: string, conversation: Conversation, decision: PolicyDecision): boolean {
  const overridable = decision.action === 'pass' || decision.kind === 'out_of_scope';
  if (!overridable) return false;
  const hasTopic = conversation.turns.some((t) => t.topic.length > 0);
  return !hasTopic && isElliptical(message);
}
