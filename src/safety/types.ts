import type { Conversation } from '../core/conversation.js';
import type { RefusalCategory } from '../core/reply.js';

/** Turn kinds the safety policy decides by itself, before retrieval. */
export type PolicyKind = 'crisis' | 'refusal' | 'out_of_scope' | 'smalltalk';

/** The policy's verdict on one user turn. */
export type PolicyDecision =
  | {
      /** Go on to retrieval and an answer / no_answer. */
      action: 'pass';
      /** What let it through (for logs), if any. */
      rule?: string;
      /** Possible crisis: a short supportive line (988, emergency number) to add to whatever is sent. */
      support?: string;
    }
  | {
      action: 'reply';
      kind: PolicyKind;
      /** Refusals only. */
      category?: RefusalCategory;
      /** The fixed text to send (Markdown, no `[n]` markers: citations are appended by handleTurn). */
      text: string;
      /** Example questions to offer (out_of_scope, smalltalk). */
      suggestions?: string[];
      /** What decided it (`model`, `rule:<id>`, `lexicon:crisis`, `context:joined`…), logged with the decision. */
      rule: string;
      /**
       * Refusals only: a general (not personal) query whose cited article passages may follow the refusal,
       * e.g. "who should not use ketamine" for a pregnancy question. Omit to attach nothing.
       */
      generalQuery?: string;
      /** Possible crisis: a short supportive line (988, emergency number) to add to the reply. */
      support?: string;
      /** out_of_scope only: the classifier's probability, when it decided (how sure the policy itself was). */
      score?: number;
    };

/** Options for {@link SafetyPolicy.classify}. */
export interface ClassifyOptions {
  /**
   * The turn's USE-lite vector of the message: of its spelling-corrected text (`spelled`) when handleTurn gives
   * one, else of the message as typed (handleTurn embeds once and shares it). When absent the policy embeds the
   * message itself.
   */
  vector?: readonly number[];
  /**
   * USE-lite vectors of the texts {@link SafetyPolicy.extraTexts} named for this message, by text (handleTurn embeds
   * them with the message in one model call). A text missing here is embedded by the policy itself.
   */
  vectors?: ReadonlyMap<string, readonly number[]>;
  /**
   * The spelling-corrected message `vector` embeds, when it is not the message as typed: the classifier's n-grams
   * read it too, so text and vector agree. Rules and the lexicon still read the message as typed.
   */
  spelled?: string;
}

/** Classifies every user turn before retrieval. Crisis wins over every other category. */
export interface SafetyPolicy {
  classify(message: string, conversation: Conversation, options?: ClassifyOptions): Promise<PolicyDecision>;
  /**
   * The texts besides the message whose vectors `classify` may need for it (decoded readings, clauses, the message
   * joined to the previous turn): they depend only on the message and the conversation so far, so the caller can
   * embed them with the message in one model call and pass them as `vectors`. None when absent.
   */
  extraTexts?(message: string, conversation: Conversation): string[];
}

/** Checks outgoing text. A sentence that carries a dose quantity or a personal directive must not be sent. */
export interface OutputGuard {
  /** Why this sentence must not be sent, or `undefined` when it is fine. */
  check(sentence: string): string | undefined;
}

/** Lets every turn through to retrieval. Only for tests of the answering core in isolation. */
export const passThroughPolicy: SafetyPolicy = {
  async classify() {
    return { action: 'pass' };
  },
};

/** Allows every sentence. Only for tests of the answering core in isolation. */
export const allowAllGuard: OutputGuard = {
  check: () => undefined,
};
