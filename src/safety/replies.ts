import type { RefusalCategory } from '../core/reply.js';
import type { SafetyLabel } from './classifier/labels.js';
import { smalltalkReply, TEXTS } from './texts.js';
import type { PolicyDecision } from './types.js';

export const REFUSAL_LABELS = ['dosing', 'medical_advice', 'illegal_use'] as const satisfies readonly RefusalCategory[];
export const isRefusal = (label: string): label is RefusalCategory =>
  (REFUSAL_LABELS as readonly string[]).includes(label);

/** What decided a turn, carried into the reply and the log line. */
export interface Verdict {
  label: SafetyLabel | 'not_english';
  /** `model`, `rule:<id>`, `lexicon:<list>`, `context:joined`, `variant:model`… */
  rule: string;
  /** Someone is in danger now: the crisis reply leads with the emergency number. */
  emergency?: boolean;
  /** Possible crisis: add the supportive line. */
  possibleCrisis?: boolean;
  /** The winning probability, for the log. */
  score?: number;
}

/**
 * Pregnancy and medicine questions get the articles' general passages on exactly that after the refusal; anything
 * else the category's default general query.
 */
function generalQuery(category: RefusalCategory, message: string): string {
  if (category === 'medical_advice' && /\b(pregnan|breastfeed|nursing|psychos|bipolar|schizo)/i.test(message))
    return 'who should not use ketamine, such as people who are pregnant or breastfeeding or have a history of psychosis';
  if (
    category === 'medical_advice' &&
    /\b(ssri|maoi|antidepressant|medication|medicine|meds|lexapro|zoloft|prozac|sertraline|lithium|xanax|benzo)/i.test(
      message,
    )
  )
    return 'which medications ketamine should not be combined with, such as MAOIs or SSRIs';
  return TEXTS.generalQuery[category];
}

/** Turns a verdict into the decision handleTurn acts on, with the fixed texts. */
export function toDecision(verdict: Verdict, message: string, suggestions: () => string[]): PolicyDecision {
  const { label, rule } = verdict;
  const support = verdict.possibleCrisis ? { support: TEXTS.support } : {};
  if (label === 'general') return { action: 'pass', rule, ...support };
  if (label === 'crisis') {
    return { action: 'reply', kind: 'crisis', text: verdict.emergency ? TEXTS.emergency : TEXTS.crisis, rule };
  }
  // The English-only note already carries 988 and the emergency numbers: no supportive line on top.
  if (label === 'not_english') return { action: 'reply', kind: 'out_of_scope', text: TEXTS.notEnglish, rule };
  if (label === 'out_of_scope') {
    return {
      action: 'reply',
      kind: 'out_of_scope',
      text: TEXTS.outOfScope,
      suggestions: suggestions(),
      rule,
      ...support,
      ...(verdict.score !== undefined ? { score: verdict.score } : {}),
    };
  }
  if (label === 'smalltalk') {
    const reply = smalltalkReply(message);
    const withSuggestions = reply === 'greeting' || reply === 'about';
    return {
      action: 'reply',
      kind: 'smalltalk',
      text: TEXTS.smalltalk[reply],
      ...(withSuggestions ? { suggestions: suggestions() } : {}),
      rule,
      ...support,
    };
  }
  return {
    action: 'reply',
    kind: 'refusal',
    category: label,
    text: TEXTS.refusal[label],
    rule,
    generalQuery: generalQuery(label, message),
    ...support,
  };
}
