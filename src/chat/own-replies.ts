import type { Conversation } from '../core/conversation.js';
import type { ReplyBody } from '../core/reply.js';
import type { PolicyDecision } from '../safety/types.js';
import { MESSAGE_TEXTS } from './message-texts.js';
import { needsContext } from './needs-context.js';
import { type SourceArticle, type SourcesIntent, sourcesReplyText } from './sources-intent.js';

/** What the chat layer needs to answer "what are your sources?" itself. */
export interface SourcesOptions {
  intent: SourcesIntent;
  articles: readonly SourceArticle[];
  /** Makes the article links absolute (PUBLIC_BASE_URL). */
  publicBaseUrl?: string;
}

/** Inputs of {@link ownReply}: the turn so far, after the safety policy has decided. */
export interface OwnReplyInput {
  message: string;
  conversation: Conversation;
  decision: PolicyDecision;
  /** The message's embedding, when the turn has one (the sources check needs it). */
  vector?: readonly number[];
  sources?: SourcesOptions;
  suggestions: () => string[];
}

/**
 * Replies the chat layer gives itself, after the policy and only where the policy decided nothing safety-related
 * (pass, out of scope, small talk): a question about the sources lists the articles; an elliptical question with
 * nothing before it asks for context. `undefined`: carry on as the policy decided.
 */
export async function ownReply(
  input: OwnReplyInput,
): Promise<{ body: Omit<ReplyBody, 'conversationId'>; rule: string } | undefined> {
  const { decision } = input;
  const safetyDecided = decision.action === 'reply' && (decision.kind === 'crisis' || decision.kind === 'refusal');
  if (safetyDecided) return undefined;
  if (input.sources && input.vector && (await input.sources.intent.matches(input.vector))) {
    const text = sourcesReplyText(input.sources.articles, input.sources.publicBaseUrl);
    return { body: { kind: 'smalltalk', text, citations: [] }, rule: 'chat:sources' };
  }
  if (needsContext(input.message, input.conversation, decision)) {
    const body = { kind: 'smalltalk' as const, text: MESSAGE_TEXTS.needsContext, citations: [] };
    return { body: { ...body, suggestions: input.suggestions() }, rule: 'chat:needs_context' };
  }
  return undefined;
}
