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
import { MemoryConversationStore } from './memory-conversation-store.js';
import { newConversation, type ConversationStore } from '../core/conversation.js';
import { salientTerms } from './follow-up.js';
import { createTurnHandler } from './handle-turn.js';

/** Options for {@link createBot}; everything defaults to the production setup. */
export interface CreateBotOptions {
  config?: Config;
  logger?: Logger;
  /** USE-lite unless given (tests may share one instance). */
  embeddings?: ModelEmbeddings;
  /** The bundled safety policy (or SAFETY_POLICY_FILE) unless given. */
  policy?: SafetyPolicy;
  /** The output guard (no dose quantities, no personal directives) unless given. */
  guard?: OutputGuard;
  /** The answer ranker; the committed, stale-checked weights (src/answer/ranker-weights.json) unless given. */
  ranker?: Ranker;
  /** Where `ask()` keeps conversations; in memory (LRU + TTL) unless given. */
  conversations?: ConversationStore;
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
    embeddings,
    logger,
  });
  // Load the model weights and run the graph once now, so the first user does not wait for it.
  await embeddings.embedQuery('warm-up');
  const guard = options.guard ?? createOutputGuard();
  const ranker = options.ranker ?? (await loadRanker());
  const answerer = new Answerer(stack, guard, ranker, { maxSentences: config.ANSWER_MAX_SENTENCES });
  // Exemplar vectors are cached in the index folder, so a warm start embeds nothing but user messages.
  const policy =
    options.policy ??
    (await createSafetyPolicy({
      embeddings,
      policyFile: config.SAFETY_POLICY_FILE,
      cacheDir: config.INDEX_DIR,
      logger,
      exampleQuestions: () => answerer.suggestions.examples(3),
      // A question naming something the articles specifically cover ("nausea", "pregnancy") is on topic.
      onTopic: (text) => salientTerms(text).some((t) => answerer.termStats.isSpecific(t)),
    }));
  const handleTurn = createTurnHandler({
    answerer,
    policy,
    guard,
    logger,
    historyTurns: config.CONVERSATION_HISTORY_TURNS,
  });
  const conversations =
    options.conversations ??
    new MemoryConversationStore({ ttlMs: config.CONVERSATION_TTL_MINUTES * 60_000, max: config.CONVERSATION_MAX });

  return {
    stack,
    answerer,
    handleTurn,
    async ask(input) {
      const conversation =
        (input.conversationId && (await conversations.get(input.conversationId))) ||
        newConversation(input.conversationId);
      const reply = await handleTurn({ message: input.message, channel: input.channel }, conversation);
      await conversations.save(conversation);
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
