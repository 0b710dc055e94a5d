import type { Conversation } from '../core/conversation.js';
import type { QuestionLog, QuestionLogEntry } from '../core/question-log.js';
import type { Reply, TurnInput } from '../core/reply.js';

type HandleTurn = (input: TurnInput, conversation: Conversation) => Promise<Reply>;

/** The log's column limits (src/core/question-log.ts): longer text is cut, never rejected. */
const MAX_QUESTION_CHARS = 4000;
const MAX_ANSWER_CHARS = 20_000;

/**
 * Wraps the turn handler so every turn of every channel is written to the question log before its reply is
 * returned: a reply a channel sends is then already durable in the log. A failed write fails the turn (the channel
 * shows its usual error) rather than answering a turn staff will never see. Busy (`overloaded`) replies are not
 * turns and are not logged. Crisis turns are logged without the question or the answer.
 */
export function withQuestionLog(handleTurn: HandleTurn, log: QuestionLog, now: () => Date = () => new Date()) {
  return async (input: TurnInput, conversation: Conversation): Promise<Reply> => {
    const reply = await handleTurn(input, conversation);
    if (reply.meta.policyRule === 'overloaded') return reply;
    await log.append(toLogEntry(input, conversation, reply, now()));
    return reply;
  };
}

/** The log entry for one answered turn. */
export function toLogEntry(input: TurnInput, conversation: Conversation, reply: Reply, at: Date): QuestionLogEntry {
  const crisis = reply.kind === 'crisis';
  const confidence = reply.meta.confidence;
  return {
    turnId: reply.meta.turnId,
    conversationId: conversation.id.slice(0, 256),
    at: at.toISOString(),
    channel: input.channel.slice(0, 32),
    kind: reply.kind,
    ...(reply.category ? { category: reply.category } : {}),
    ...(confidence !== undefined && Number.isFinite(confidence)
      ? { confidence: Math.min(1, Math.max(0, confidence)) }
      : {}),
    question: crisis ? null : input.message.slice(0, MAX_QUESTION_CHARS),
    answer: crisis ? null : reply.text.slice(0, MAX_ANSWER_CHARS),
    unitIds: [...new Set(reply.citations.map((c) => c.chunkId))],
  };
}
