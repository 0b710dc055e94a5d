import { Answerer } from '../answer/answerer.js';
import { loadRanker, type Ranker } from '../answer/ranker.js';
import { getConfig, type Config } from '../config/env.js';
import { UseLiteEmbeddings } from '../embeddings/use-lite.js';
import type { ModelEmbeddings } from '../core/embedder.js';
import { silentLogger } from '../logger.js';
import type { Logger } from '../core/logger.js';
import { loadRetrievalStack, type RetrievalStack } from '../retrieval/stack.js';
import { createOutputGuard } from '../safety/output-guard.js';
import { createSafetyPolicy } from '../safety/policy.js';
import type { OutputGuard, SafetyPolicy } from '../safety/types.js';
import type { Bot } from '../core/bot.js';
import { MemoryConversationStore } from '../storage/memory/memory-conversation-store.js';
import { newConversation, type ConversationStore } from '../core/conversation.js';
import type { QuestionLog } from '../core/question-log.js';
import { createTurnHandler } from './handle-turn.js';
import { withQuestionLog } from './logged-turns.js';
import { createSourcesIntent } from './sources-intent.js';
import { admitted, TurnGate } from './turn-gate.js';

/** Options for {@link createBot}; everything defaults to the production setup. */
export interface CreateBotOptions {
  config?: Config;
  logger?: Logger;
  /** USE-lite unless given (tests may share one instance). */
  embeddings?: ModelEmbeddings;
  /** The trained safety policy (rules from SAFETY_POLICY_FILE, else the bundled rules.yaml) unless given. */
  policy?: SafetyPolicy;
  /** The output guard (no dose quantities, no personal directives) unless given. */
  guard?: OutputGuard;
  /** The answer ranker; the committed, stale-checked weights (src/answer/ranker-weights.json) unless given. */
  ranker?: Ranker;
  /** Where `ask()` keeps conversations; in memory (LRU + TTL) unless given (`src/server.ts` passes the database's). */
  conversations?: ConversationStore;
  /**
   * Where every turn is logged for staff review (`src/server.ts` passes the database's log when QUESTION_LOG=on).
   * Unset: nothing is logged, so evals, `npm run ask` and tests never pollute the production log.
   */
  questionLog?: QuestionLog;
  /** Admission control shared by all channels; from TURN_CONCURRENCY / TURN_QUEUE_MAX unless given. */
  gate?: TurnGate;
}

/** The bot plus the loaded retrieval stack (for benchmarks and evals). */
export type LoadedBot = Bot & { stack: RetrievalStack; answerer: Answerer };

/** Loads corpus and index (rebuilding a missing or stale index) and assembles the bot. */
export async function createBot(options: CreateBotOptions = {}): Promise<LoadedBot> {
  const config = options.config ?? getConfig();
  const logger = options.logger ?? silentLogger;
  const embeddings = options.embeddings ?? new UseLiteEmbeddings();
  const stack = await loadRetrievalStack({
    corpusDir: config.CORPUS_DIR,
    indexDir: config.INDEX_DIR,
    acceptedQuestionsFile: config.ACCEPTED_QUESTIONS_FILE,
    embeddings,
    logger,
  });
  // Load the model weights and run the graph once now, so the first user does not wait for it.
  await embeddings.embedQuery('warm-up');
  const guard = options.guard ?? createOutputGuard();
  const ranker = options.ranker ?? (await loadRanker());
  const answerer = new Answerer(stack, guard, ranker, {
    maxSentences: config.ANSWER_MAX_SENTENCES,
    ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
  });
  const policy =
    options.policy ??
    createSafetyPolicy({
      embeddings,
      ...(config.SAFETY_POLICY_FILE ? { rulesFile: config.SAFETY_POLICY_FILE } : {}),
      logger,
      exampleQuestions: () => answerer.suggestions.examples(3),
    });
  // Imported only when a provider is set: the default (offline) bot loads none of it.
  const composer =
    config.LLM_PROVIDER === 'none'
      ? undefined
      : (await import('../answer/generative/create-composer.js')).createComposer({
          config,
          answerer,
          stack,
          guard,
          logger,
        });
  const unguarded = createTurnHandler({
    composer,
    answerer,
    policy,
    guard,
    logger,
    embeddings,
    spelling: (message) => stack.spelling.correct(message),
    historyTurns: config.CONVERSATION_HISTORY_TURNS,
    sources: {
      intent: createSourcesIntent(embeddings),
      articles: stack.data.articles.map((a) => ({ docId: a.id, title: a.title })),
      ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
    },
  });
  const conversations =
    options.conversations ??
    new MemoryConversationStore({ ttlMs: config.CONVERSATION_TTL_MINUTES * 60_000, max: config.CONVERSATION_MAX });

  const gate =
    options.gate ??
    new TurnGate({
      concurrency: config.TURN_CONCURRENCY,
      queue: config.TURN_QUEUE_MAX,
      maxWaitMs: config.TURN_QUEUE_MAX_WAIT_MS,
      // A couple of seconds: long enough for the queue to drain at the measured ~20–100 turns/s.
      retryAfterSeconds: 2,
    });
  const gated = admitted(gate, unguarded, () => answerer.suggestions.examples(3));
  const handleTurn = options.questionLog ? withQuestionLog(gated, options.questionLog) : gated;

  return {
    stack,
    answerer,
    handleTurn,
    async ask(input) {
      const conversation =
        (input.conversationId && (await conversations.get(input.conversationId))) ||
        newConversation(input.conversationId);
      const reply = await handleTurn(
        { message: input.message, channel: input.channel, onDelta: input.onDelta },
        conversation,
      );
      // A busy reply is not a turn: nothing to save (and the stored conversation stays as it was).
      if (reply.meta.policyRule !== 'overloaded') await conversations.save(conversation);
      return reply;
    },
    info: () => ({
      chunks: stack.data.chunks.length,
      model: stack.index.manifest.model.id,
      articles: stack.data.articles.map((a) => ({ docId: a.id, title: a.title })),
    }),
    exampleQuestions: (count = 3) => answerer.suggestions.examples(count),
  };
}
