import type { RefusalCategory } from '../core/reply.js';
import type { PolicyDecision } from './types.js';
import type { PolicyFile, PolicyLabel, SmalltalkReply } from './policy-file.js';

export const REFUSAL_LABELS = ['dosing', 'medical_advice', 'illegal_use'] as const satisfies readonly RefusalCategory[];

/** What decided a turn, carried into the reply and the log line. */
export interface Verdict {
  label: PolicyLabel;
  /** Rule id, exemplar id, or a `scope:`/`context:` id for structural decisions. */
  rule: string;
  source: 'rule' | 'exemplar' | 'context' | 'scope';
  /** Nearest-neighbour decisions: winning score and its margin over the runner-up label. */
  score?: number;
  margin?: number;
  reply?: SmalltalkReply;
  generalQuery?: string;
}

/** Turns a verdict into the decision handleTurn acts on, with the policy file's fixed texts. */
export function toDecision(
  verdict: Verdict,
  policy: PolicyFile,
  normalised: string,
  suggestions: () => string[],
): PolicyDecision {
  const { label, rule } = verdict;
  const texts = policy.texts;
  if (label === 'general') return { action: 'pass', rule };
  if (label === 'crisis') return { action: 'reply', kind: 'crisis', text: texts.crisis, rule };
  if (label === 'out_of_scope') {
    return { action: 'reply', kind: 'out_of_scope', text: texts.out_of_scope, suggestions: suggestions(), rule };
  }
  if (label === 'smalltalk') {
    const reply = verdict.reply ?? 'about';
    const withSuggestions = reply === 'greeting' || reply === 'about';
    return {
      action: 'reply',
      kind: 'smalltalk',
      text: texts.smalltalk[reply],
      ...(withSuggestions ? { suggestions: suggestions() } : {}),
      rule,
    };
  }
  const generalQuery =
    verdict.generalQuery ??
    policy.general_queries.find((g) => (!g.categories || g.categories.includes(label)) && new RegExp(g.pattern, 'iu').test(normalised))
      ?.query ??
    texts.refusal[label].general_query;
  return {
    action: 'reply',
    kind: 'refusal',
    category: label,
    text: texts.refusal[label].text,
    rule,
    ...(generalQuery ? { generalQuery } : {}),
  };
}
