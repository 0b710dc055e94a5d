import { randomUUID } from 'node:crypto';
import type { Answerer } from '../answer/answerer.js';
import type { Composer } from '../answer/generative/composer.js';
import type { Logger } from '../core/logger.js';
import { isBlankMessage } from '../core/message.js';
import { expandContractions } from '../text/contractions.js';
import { guardText } from '../safety/guard-text.js';
import type { OutputGuard, PolicyDecision, SafetyPolicy } from '../safety/types.js';
import type { Conversation } from '../core/conversation.js';
import { resolveFollowUp } from './follow-up.js';
import { answerFollowUp } from './follow-up-answer.js';
import { overrideUnsureOutOfScope } from './topic-override.js';
import { embedTurn, type TurnEmbedder } from './turn-vectors.js';
import { MESSAGE_TEXTS } from './message-texts.js';
import { ownReply, type SourcesOptions } from './own-replies.js';
import type { Citation, Reply, ReplyBody, TurnInput } from '../core/reply.js';

/** Shown under every reply that carries article content. */
export const FOOTER = '_General information from published articles, not medical advice._';
/** Introduces general, cited article content after a refusal. */
export const GENERAL_INFO_HEADING = 'What the articles say in general:';

/** Dependencies of {@link createTurnHandler}. */
export interface TurnHandlerDeps {
  answerer: Answerer;
  policy: SafetyPolicy;
  guard: OutputGuard;
  logger: Logger;
  /**
   * Embeds the message once per turn, together with the policy's other readings of it (one model call); the
   * vectors go to the policy, and retrieval's query cache returns the same vector for the same text. Without it the
   * policy embeds by itself.
   */
  embeddings?: TurnEmbedder;
  /**
   * Retrieval's query spelling correction: the turn embeds the corrected text, which retrieval searches too, so the
   * turn still embeds once (the policy reads the message as typed, with the corrected text's vector).
   */
  spelling?: (message: string) => string;
  /** Turns remembered per conversation. */
  historyTurns: number;
  /** Generative answers (LLM_PROVIDER); the extractive answerer alone when unset. Policy replies never use it. */
  composer?: Composer;
  /** Answers "what are your sources?" by listing the articles (needs `embeddings`); not checked without it. */
  sources?: SourcesOptions;
}

export type HandleTurn = (input: TurnInput, conversation: Conversation) => Promise<Reply>;

/**
 * The channel-agnostic core: safety policy first, then follow-up resolution, retrieval and a cited extractive
 * answer (or an honest no_answer), then the output guard over everything that leaves. Appends the turn to
 * `conversation.turns`.
 */
export function createTurnHandler(deps: TurnHandlerDeps): HandleTurn {
  const suggestions = () => deps.answerer.suggestions.examples(3);
  return async function handleTurn(input, conversation) {
    const started = performance.now();
    const turnId = randomUUID();
    // Last line of defence: a message with nothing visible must never reach the policy's embedder or retrieval
    // (USE-lite returns no vector for it, which once shifted every other vector in its batch). Channels should
    // catch it first; this keeps the core safe whichever channel forgot. Not recorded: it is not a turn.
    if (isBlankMessage(input.message)) {
      deps.logger.info('turn', {
        channel: input.channel,
        kind: 'smalltalk',
        rule: 'blank_message',
        citations: 0,
        ms: 0,
      });
      return {
        kind: 'smalltalk',
        text: MESSAGE_TEXTS.blankPrompt,
        citations: [],
        suggestions: deps.answerer.suggestions.examples(3),
        conversationId: conversation.id,
        meta: { turnId, policyRule: 'blank_message', guardRemoved: 0, elapsedMs: 0 },
      };
    }
    const message = input.message.trim();
    // What retrieval will search if the policy lets the message through: known now, so it rides in the same model
    // call as the message (the expanded contractions of "whats the upside…" were a second call on 9% of dev turns).
    const resolved = resolveFollowUp(expandContractions(message), conversation, {
      vocabulary: deps.answerer.termStats,
    });
    const spell = deps.spelling ?? ((text: string) => text);
    const spelled = spell(message);
    const embedded = deps.embeddings
      ? await embedTurn(deps.embeddings, deps.policy, message, conversation, {
          primary: spelled,
          also: [spell(resolved.query)],
        })
      : undefined;
    const vector = embedded?.vector;
    const policyDecision = await deps.policy.classify(message, conversation, embedded ? { ...embedded, spelled } : {});
    // An out_of_scope the policy was unsure of, when retrieval is nearly sure the articles answer it (topic-override.ts).
    const decision = await overrideUnsureOutOfScope(policyDecision, message, deps.answerer);

    let body: Omit<ReplyBody, 'conversationId'>;
    let resolvedQuery = message;
    let topic: string[] = [];
    let confidence: number | undefined;
    let guardRemoved = 0;
    let policyRule = decision.rule;

    const own = await ownReply({ message, conversation, decision, vector, sources: deps.sources, suggestions });
    if (own) {
      ({ body, rule: policyRule } = own);
    } else if (decision.action === 'reply') {
      ({ body, guardRemoved } = await policyReply(decision, deps));
      topic = resolveFollowUp(message, conversation).topic;
    } else {
      topic = resolved.topic;
      // The generative composer streams one reading; the extractive answerer may weigh two (follow-up-answer.ts).
      const chosen = deps.composer
        ? {
            answer: await deps.composer.answer(resolved.query, { previous: resolved.previous, onDelta: input.onDelta }),
            query: resolved.query,
          }
        : await answerFollowUp(deps.answerer, message, resolved);
      const answer = chosen.answer;
      resolvedQuery = chosen.query;
      confidence = answer.confidence;
      guardRemoved = answer.guardRemoved;
      body = {
        kind: answer.kind,
        text: answer.kind === 'answer' ? `${answer.text}\n\n${FOOTER}` : answer.text,
        citations: answer.citations,
        suggestions: answer.suggestions,
      };
    }

    // Possible crisis: whatever was decided, the reply ends with the supportive line (988, emergency number).
    if (decision.support) body = { ...body, text: `${body.text}\n\n${decision.support}` };
    // Belt and braces: whatever produced the text, no dose or personal directive leaves.
    const guarded = guardText(body.text, deps.guard);
    guardRemoved += guarded.removed;
    body = { ...body, text: guarded.text, citations: referenced(guarded.text, body.citations) };

    conversation.turns.push({
      message,
      resolvedQuery,
      kind: body.kind,
      category: body.category,
      topic,
      chunkIds: body.citations.map((c) => c.chunkId),
      at: Date.now(),
    });
    if (conversation.turns.length > deps.historyTurns)
      conversation.turns.splice(0, conversation.turns.length - deps.historyTurns);

    const elapsedMs = Math.round((performance.now() - started) * 100) / 100;
    deps.logger.info('turn', {
      channel: input.channel,
      kind: body.kind,
      category: body.category,
      rule: policyRule,
      confidence: confidence === undefined ? undefined : Math.round(confidence * 1000) / 1000,
      citations: body.citations.length,
      guardRemoved,
      ms: elapsedMs,
    });
    deps.logger.debug('turn_text', { message, resolvedQuery });
    return {
      ...body,
      conversationId: conversation.id,
      meta: {
        turnId,
        resolvedQuery,
        confidence,
        policyRule,
        guardRemoved,
        elapsedMs,
        ...(body.text.includes(FOOTER) ? { footer: FOOTER } : {}),
      },
    };
  };
}

/** A reply decided by the safety policy, with general cited article content after a refusal when it asks for it. */
async function policyReply(
  decision: Extract<PolicyDecision, { action: 'reply' }>,
  deps: TurnHandlerDeps,
): Promise<{ body: Omit<ReplyBody, 'conversationId'>; guardRemoved: number }> {
  const base = {
    kind: decision.kind,
    category: decision.category,
    text: decision.text,
    citations: [] as Citation[],
    suggestions: decision.suggestions,
  };
  if (decision.kind !== 'refusal' || !decision.generalQuery) return { body: base, guardRemoved: 0 };
  const general = await deps.answerer.answer(decision.generalQuery, { maxSentences: 2 });
  if (general.kind !== 'answer' || general.disagreement) return { body: base, guardRemoved: general.guardRemoved };
  return {
    body: {
      ...base,
      text: `${decision.text}\n\n${GENERAL_INFO_HEADING}\n\n${general.text}\n\n${FOOTER}`,
      citations: general.citations,
    },
    guardRemoved: general.guardRemoved,
  };
}

/** Keeps only citations whose `[n]` still appears in the text (after the guard may have removed sentences). */
function referenced(text: string, citations: Citation[]): Citation[] {
  const used = new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  return citations.filter((c) => used.has(c.n));
}
