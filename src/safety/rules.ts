import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { RefusalCategorySchema, type RefusalCategory } from '../core/reply.js';
import { fromProjectRoot } from '../paths.js';

/** The bundled high-precision rules (`SAFETY_POLICY_FILE` may point at another copy). */
export const BUNDLED_RULES_FILE = fromProjectRoot('src', 'safety', 'rules.yaml');
/** Issue 12: the classifier decides; rules are a short list of near-certain cases, never a second policy. */
export const MAX_RULES = 20;

const RulesFileSchema = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9-]+$/),
        label: RefusalCategorySchema,
        /** Why the classifier alone is not enough for this case (required: a rule without a reason goes). */
        why: z.string().min(10),
        pattern: z.string().min(1),
      }),
    )
    .max(MAX_RULES),
});

export interface Rule {
  id: string;
  label: RefusalCategory;
  re: RegExp;
}

/** Reads, validates and compiles the rules file; a bad file or pattern throws with the file and rule id. */
export function loadRules(file = BUNDLED_RULES_FILE): Rule[] {
  const parsed = RulesFileSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data.rules.map((r) => {
    try {
      return { id: r.id, label: r.label, re: new RegExp(r.pattern, 'iu') };
    } catch (error) {
      throw new Error(`${file}: rule ${r.id}: ${(error as Error).message}`);
    }
  });
}

/** The first rule matching any of the texts. */
export function firstRule(rules: Rule[], texts: string[]): Rule | undefined {
  return rules.find((r) => texts.some((t) => r.re.test(t)));
}
