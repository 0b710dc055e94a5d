import type { Conversation } from '../core/conversation.js';
import { scoreNeighbours, type IndexedExemplar, type NeighbourScores } from './exemplar-index.js';
import { splitSentences } from '../text/sentences.js';
import { wordCount } from '../text/tokenize.js';
import type { PolicyFile, PolicyLabel } from './policy-file.js';
import { REFUSAL_LABELS, type Verdict } from './replies.js';
import { firstMatch, type CompiledRule, type RuleContext } from './rules.js';

/** How many earlier turns count as "recent" for split requests and follow-ups. */
const RECENT_TURNS = 3;
/** Sentences of one message judged separately (bounded: each costs an embedding). */
const MAX_SENTENCES = 5;

export interface ClassifierParts {
  policy: PolicyFile;
  rules: CompiledRule[];
  exemplars: IndexedExemplar[];
  exemplarById: Map<string, PolicyFile['exemplars'][number]>;
  scope: { domain: RegExp[]; topical: RegExp[]; followup: RegExp; pushback: RegExp };
  embed: (text: string) => Promise<number[]>;
  normalize: (text: string) => string;
  /** Whether the message names something the articles specifically talk about (their own vocabulary). */
  onTopic?: (text: string) => boolean;
}

/**
 * Decides one normalised message. Order matters and encodes the policy: crisis (rules, then exemplars)
 * beats everything; then refusal rules; smalltalk and explicit general rules; refusal exemplars (whole
 * message and each sentence); a refusal repeated when the user pushes back; and last the scope check,
 * where a message with no ketamine or treatment words must look like an on-topic exemplar to pass.
 */
export async function classifyNormalised(text: string, conversation: Conversation, parts: ClassifierParts): Promise<Verdict> {
  const { policy, rules, scope } = parts;
  const cfg = policy.classifier;
  const recent = conversation.turns.slice(-RECENT_TURNS);
  const context: RuleContext = {
    labels: new Set(recent.flatMap((t) => [t.kind, ...(t.category ? [t.category] : [])])),
    messages: recent.map((t) => parts.normalize(t.message)),
  };
  const fromRule = (label: PolicyLabel, rule: CompiledRule): Verdict => ({
    label,
    rule: rule.id,
    source: 'rule',
    ...(rule.reply ? { reply: rule.reply } : {}),
    ...(rule.general_query ? { generalQuery: rule.general_query } : {}),
  });

  const crisisRule = firstMatch(rules, text, ['crisis'], context);
  if (crisisRule) return fromRule('crisis', crisisRule);

  const sentences = splitSentences(text, { clauses: true }).slice(0, MAX_SENTENCES);
  const pieces = sentences.length > 1 ? [text, ...sentences] : [text];
  const scored = await Promise.all(pieces.map(async (p) => scoreNeighbours(await parts.embed(p), parts.exemplars, cfg.k)));
  const whole = scored[0] as NeighbourScores;
  const confident = (s: NeighbourScores, labels: readonly PolicyLabel[]) =>
    labels.includes(s.label) && s.score >= cfg.min_similarity && s.margin >= cfg.margin;
  const fromExemplar = (s: NeighbourScores): Verdict => {
    const ex = parts.exemplarById.get(s.exemplarId);
    return {
      label: s.label,
      rule: s.exemplarId,
      source: 'exemplar',
      score: s.score,
      margin: s.margin,
      ...(ex?.reply ? { reply: ex.reply } : {}),
      ...(ex?.general_query ? { generalQuery: ex.general_query } : {}),
    };
  };

  const crisisHit = scored.find((s) => s.label === 'crisis' && s.score >= cfg.crisis_min_similarity && s.margin >= cfg.crisis_margin);
  if (crisisHit) return fromExemplar(crisisHit);

  const refusalRule = firstMatch(rules, text, REFUSAL_LABELS, context);
  if (refusalRule) return fromRule(refusalRule.category, refusalRule);

  const smalltalkRule = firstMatch(rules, text, ['smalltalk'], context);
  if (smalltalkRule) return fromRule('smalltalk', smalltalkRule);
  const general = whole.byLabel.get('general') ?? 0;
  const offTopic = whole.byLabel.get('out_of_scope') ?? 0;
  const clearlyOffTopic = whole.label === 'out_of_scope' && whole.margin >= cfg.margin && whole.score >= cfg.min_similarity;
  const inDomain = scope.domain.some((re) => re.test(text));
  const pass = (rule: string): Verdict => ({ label: 'general', rule, source: 'scope', score: general, margin: general - offTopic });

  const onTopicBefore = recent.some((t) => t.kind !== 'out_of_scope' && t.kind !== 'smalltalk');
  const followup = onTopicBefore && (scope.followup.test(text) || wordCount(text) <= 5);
  // Out-of-scope rules are guarded against ketamine words, so they may run before the general ones;
  // a follow-up ("what about with zoloft?") inherits the conversation's topic instead.
  const outRule = followup ? undefined : firstMatch(rules, text, ['out_of_scope'], context);
  if (outRule) return fromRule('out_of_scope', outRule);
  // A general rule ("side effects", "how long") protects on-topic questions from the exemplars, but
  // an unlisted "side effects of X" is still off-topic when the exemplars say so clearly.
  const generalRule = firstMatch(rules, text, ['general'], context);
  if (generalRule && (inDomain || followup || !clearlyOffTopic)) return fromRule('general', generalRule);

  const refusalHit = scored.find((s) => confident(s, REFUSAL_LABELS));
  if (refusalHit) return fromExemplar(refusalHit);

  const last = recent.at(-1);
  if (last?.kind === 'refusal' && last.category && scope.pushback.test(text) && wordCount(text) <= 20) {
    return { label: last.category, rule: 'context:pushback', source: 'context' };
  }

  if (inDomain) return pass('scope:domain');
  if (followup && !clearlyOffTopic) return pass('scope:followup');

  if (wordCount(text) <= 8 && whole.label === 'smalltalk' && whole.score >= cfg.smalltalk_min_similarity) {
    return fromExemplar(whole);
  }
  if (scope.topical.some((re) => re.test(text)) && !clearlyOffTopic) return pass('scope:topical');
  // A word the articles use sparingly ("nausea") is evidence, not proof ("watch", "give" are in them too): it
  // lets a message through only when it also sits nearer the on-topic exemplars than the off-topic ones.
  if (parts.onTopic?.(text) && !clearlyOffTopic && general >= offTopic) return pass('scope:corpus-vocabulary');
  if (general >= cfg.general_min_similarity && general >= offTopic) return pass('scope:exemplar');
  return {
    label: 'out_of_scope',
    rule: whole.label === 'out_of_scope' ? whole.exemplarId : 'scope:no-topic',
    source: 'scope',
    score: offTopic,
    margin: offTopic - general,
  };
}
