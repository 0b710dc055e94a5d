import type { Embeddings } from '@langchain/core/embeddings';
import { silentLogger } from '../logger.js';
import type { Logger } from '../core/logger.js';
import { classifyNormalised, type ClassifierParts } from './classifier.js';
import { buildExemplarIndex } from './exemplar-index.js';
import { Normalizer, NORMALIZER_VERSION } from './normalize.js';
import { BUNDLED_POLICY_FILE, loadPolicyFile } from './policy-file.js';
import { toDecision } from './replies.js';
import { compileRules } from './rules.js';
import { policyVocabulary } from './policy-vocabulary.js';
import type { SafetyPolicy } from './types.js';

/** Options for {@link createSafetyPolicy}. */
export interface SafetyPolicyOptions {
  /**
   * Embeds exemplars and user turns. Use the same model as the index (the app passes `UseLiteEmbeddings`);
   * thresholds in the bundled policy file are calibrated for USE-lite.
   */
  embeddings: Embeddings;
  /** YAML policy file (rules, exemplars, texts). Default: the bundled `src/safety/policy.yaml`. */
  policyFile?: string;
  /**
   * Folder where exemplar vectors are cached (the index folder), keyed by a hash of the policy file and
   * model id: a warm start embeds only the user's messages. A corrupt cache is rebuilt silently.
   * No caching when unset.
   */
  cacheDir?: string;
  /** Identifies the embedding model in the cache key. Default: `embeddings.modelId`, else its class name. */
  modelId?: string;
  /** Receives `policy_decision` (info, no user text) and cache warnings. */
  logger?: Logger;
  /**
   * Whether a message names something the articles specifically talk about ("nausea", "pregnancy"). A message
   * with no ketamine or treatment words still passes to retrieval when this says yes and the exemplars do not
   * clearly say off-topic. Default: only the policy file's scope patterns decide.
   */
  onTopic?: (text: string) => boolean;
  /**
   * Three example questions the articles answer, offered with out_of_scope and smalltalk replies.
   * Default: the policy file's `texts.suggestions`.
   */
  exampleQuestions?: () => string[];
}

/** A ready policy plus what building it cost (tests check that a warm cache embeds nothing). */
export interface LoadedSafetyPolicy extends SafetyPolicy {
  /** Exemplar texts embedded while building (0 when the cache was warm). */
  readonly embeddedExemplars: number;
  /** The policy file in use. */
  readonly policyFile: string;
}

/**
 * Builds the safety policy every channel shares: high-precision rules first, then nearest-neighbour
 * over labelled exemplar prompts (same embedding model), with a margin and a fallback to `pass`.
 * Throws `PolicyFileError` (naming the file and field) for a bad policy file.
 */
export async function createSafetyPolicy(options: SafetyPolicyOptions): Promise<LoadedSafetyPolicy> {
  const file = options.policyFile ?? BUNDLED_POLICY_FILE;
  const logger = options.logger ?? silentLogger;
  const { policy, source } = loadPolicyFile(file);
  const normalizer = new Normalizer(policy.normalize, policyVocabulary(policy));
  const modelId =
    options.modelId ?? (options.embeddings as { modelId?: unknown }).modelId?.toString() ?? options.embeddings.constructor.name;

  const { exemplars, embedded } = await buildExemplarIndex(
    policy.exemplars.map((e) => ({ id: e.id, label: e.label, text: normalizer.normalize(e.text) })),
    {
      embeddings: options.embeddings,
      modelId,
      keySource: `normalizer-v${NORMALIZER_VERSION}\0${source}`,
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
      logger,
    },
  );
  const re = (source: string) => new RegExp(source, 'iu');
  const parts: ClassifierParts = {
    policy,
    rules: compileRules(policy.rules),
    exemplars,
    exemplarById: new Map(policy.exemplars.map((e) => [e.id, e])),
    scope: {
      domain: policy.scope.domain.map(re),
      topical: policy.scope.topical.map(re),
      followup: re(policy.scope.followup),
      pushback: re(policy.scope.pushback),
    },
    embed: (text) => options.embeddings.embedQuery(text),
    normalize: (text) => normalizer.normalize(text),
    ...(options.onTopic ? { onTopic: options.onTopic } : {}),
  };
  const suggestions = () => {
    const fromApp = options.exampleQuestions?.().filter((q) => q.trim() !== '').slice(0, 3) ?? [];
    return fromApp.length > 0 ? fromApp : [...policy.texts.suggestions];
  };

  return {
    embeddedExemplars: embedded,
    policyFile: file,
    async classify(message, conversation) {
      const normalised = normalizer.normalize(message);
      const verdict = await classifyNormalised(normalised, conversation, parts);
      const decision = toDecision(verdict, policy, normalised, suggestions);
      // Privacy: ids and numbers only at info; the message itself only at debug.
      logger.info('policy_decision', {
        action: decision.action,
        kind: decision.action === 'reply' ? decision.kind : 'pass',
        ...(decision.action === 'reply' && decision.category ? { category: decision.category } : {}),
        rule: verdict.rule,
        source: verdict.source,
        ...(verdict.score !== undefined ? { score: round(verdict.score) } : {}),
        ...(verdict.margin !== undefined ? { margin: round(verdict.margin) } : {}),
        conversationId: conversation.id,
      });
      logger.debug('policy_decision_text', { normalised });
      return decision;
    },
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
