import type { Answerer } from '../answer/answerer.js';
import type { PolicyDecision } from '../safety/types.js';

/**
 * The policy's own probability below which its out_of_scope decision counts as unsure. Dev (`npm run
 * answer:misfires`): every answerable question it wrongly called off-topic scored 0.58–0.82 except "migraines"
 * (0.92); sure decisions are never reopened.
 */
const UNSURE_OUT_OF_SCOPE = 0.8;
/**
 * Retrieval's answerability needed to overrule it. Dev: the off-topic / small-talk items the policy declined reached
 * at most 0.973 ("Create a fake news article…"), the answerable ones it declined up to 1.0 ("addiction help",
 * "depression statistics america"); 0.99 keeps every dev off-topic item out with a margin.
 */
const OVERRIDE_ANSWERABILITY = 0.99;

/** Decided by the classifier alone (not a rule, the lexicon, a language check or the conversation's context). */
const MODEL_RULE = 'model';

/** The rule logged when retrieval overrules an unsure out_of_scope decision. */
export const TOPIC_OVERRIDE_RULE = 'chat:answerable';

/**
 * An out_of_scope decision the policy itself was unsure of, turned into a pass when retrieval is nearly certain the
 * articles answer the message (issue 11 × 12: "depression statistics america", "chronic pain" were declined as
 * off-topic). Every other decision is returned as it is: refusals, crisis and small talk are never overridden by
 * retrieval (safety first), nor is a sure off-topic decision.
 */
export async function overrideUnsureOutOfScope(
  decision: PolicyDecision,
  message: string,
  answerer: Pick<Answerer, 'answer'>,
): Promise<PolicyDecision> {
  if (decision.action !== 'reply' || decision.kind !== 'out_of_scope' || decision.rule !== MODEL_RULE) return decision;
  if (decision.score === undefined || decision.score >= UNSURE_OUT_OF_SCOPE) return decision;
  const answer = await answerer.answer(message);
  if (answer.kind !== 'answer' || answer.confidence < OVERRIDE_ANSWERABILITY) return decision;
  return { action: 'pass', rule: TOPIC_OVERRIDE_RULE, ...(decision.support ? { support: decision.support } : {}) };
}
