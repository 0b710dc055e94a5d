import type { PolicyFile, PolicyLabel, PolicyRule } from './policy-file.js';

export interface CompiledRule extends Omit<PolicyRule, 'pattern' | 'after_message'> {
  re: RegExp;
  afterMessage?: RegExp;
}

/** What a rule may look at besides the message itself. */
export interface RuleContext {
  /** Kinds and categories of the last few turns. */
  labels: ReadonlySet<string>;
  /** The last few user messages, normalised. */
  messages: readonly string[];
}

/** Compiles the policy's rules once; patterns are matched case-insensitively against normalised text. */
export function compileRules(rules: PolicyFile['rules']): CompiledRule[] {
  return rules.map(({ pattern, after_message, ...rest }) => ({
    ...rest,
    re: new RegExp(pattern, 'iu'),
    ...(after_message ? { afterMessage: new RegExp(after_message, 'iu') } : {}),
  }));
}

/**
 * First rule (in file order) of one of `categories` that matches `text`. A rule with `after` only
 * applies when a recent turn had one of those kinds or categories: that is how a request split across
 * turns ("how many should I take then?" after a refusal) is still caught without firing on fresh chats;
 * `after_message` does the same with the words of earlier messages ("Can I still do it?" after "I'm on sertraline").
 */
export function firstMatch(
  rules: CompiledRule[],
  text: string,
  categories: readonly PolicyLabel[],
  context: RuleContext,
): CompiledRule | undefined {
  return rules.find(
    (rule) =>
      categories.includes(rule.category) &&
      (!rule.after || rule.after.some((label) => context.labels.has(label))) &&
      (!rule.afterMessage || context.messages.some((m) => rule.afterMessage?.test(m))) &&
      rule.re.test(text),
  );
}
