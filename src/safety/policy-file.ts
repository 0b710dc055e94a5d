import { readFileSync } from 'node:fs';
import { fromProjectRoot } from '../paths.js';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { RegexSourceSchema } from '../regex-source.js';

/** The policy file shipped with the bot (`SAFETY_POLICY_FILE` overrides it). */
export const BUNDLED_POLICY_FILE = fromProjectRoot('src', 'safety', 'policy.yaml');

/** Every label a rule or exemplar can carry. `general` means "let it through to retrieval". */
export const POLICY_LABELS = [
  'crisis',
  'dosing',
  'medical_advice',
  'illegal_use',
  'out_of_scope',
  'smalltalk',
  'general',
] as const;
export const PolicyLabelSchema = z.enum(POLICY_LABELS);
export type PolicyLabel = z.infer<typeof PolicyLabelSchema>;

/** A bad policy file: the message names the file and the field. Fails startup, never a user turn. */
export class PolicyFileError extends AppError {
  constructor(message: string) {
    super(message, 'invalid_safety_policy', 500);
  }
}

const regex = RegexSourceSchema;

const SMALLTALK_REPLIES = ['greeting', 'thanks', 'about', 'goodbye'] as const;
const SmalltalkReplySchema = z.enum(SMALLTALK_REPLIES);
export type SmalltalkReply = z.infer<typeof SmalltalkReplySchema>;

const RuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'must be lowercase letters, digits, - _ .'),
  category: PolicyLabelSchema,
  /** Tested (case-insensitive) against the normalised message. */
  pattern: regex,
  /** Only mid-conversation: the rule fires only if one of the last turns had one of these kinds / categories. */
  after: z.array(z.string()).min(1).optional(),
  /** Only mid-conversation: the rule fires only if one of the last user messages (normalised) matches this. */
  after_message: regex.optional(),
  /** Smalltalk only: which smalltalk text to send (default `about`). */
  reply: SmalltalkReplySchema.optional(),
  /** Refusals only: general question whose cited answer may follow the refusal. */
  general_query: z.string().min(1).optional(),
});
export type PolicyRule = z.infer<typeof RuleSchema>;

const ExemplarSchema = z.strictObject({
  id: z.string().min(1),
  label: PolicyLabelSchema,
  text: z.string().min(2),
  reply: SmalltalkReplySchema.optional(),
  general_query: z.string().min(1).optional(),
});
export type PolicyExemplar = z.infer<typeof ExemplarSchema>;

const RefusalTextSchema = z.strictObject({
  text: z.string().min(20),
  /** Used when neither the matched rule / exemplar nor `general_queries` gives one. */
  general_query: z.string().min(1).optional(),
});

export const PolicyFileSchema = z.strictObject({
  version: z.literal(1),
  classifier: z.strictObject({
    /** Nearest exemplars looked at per label (their similarities are averaged). */
    k: z.number().int().min(1).max(10),
    /** Least similarity for an exemplar to decide a refusal or crisis on its own. */
    min_similarity: z.number().min(0).max(1),
    /** The winning label must beat the best other label by this much, else the turn falls back to `pass`. */
    margin: z.number().min(0).max(1),
    /** Crisis exemplars decide with this lower similarity and margin: a missed crisis costs most. */
    crisis_min_similarity: z.number().min(0).max(1),
    crisis_margin: z.number().min(0).max(1),
    /** Least similarity for a message with no ketamine / treatment words to count as on-topic. */
    general_min_similarity: z.number().min(0).max(1),
    /** Least similarity for a short message to count as smalltalk. */
    smalltalk_min_similarity: z.number().min(0).max(1),
  }),
  normalize: z.strictObject({
    /** Rewrites applied in order to the lowercased message (slang, contractions, common misspellings). */
    rewrites: z.array(z.strictObject({ pattern: regex, replace: z.string() })),
    /** Words that a one- or two-letter typo is corrected to. */
    spelling: z.array(z.string().regex(/^[a-z]{5,}$/, 'must be one lowercase word of 5+ letters')),
    /**
     * Extra words (space-separated) that single typing slips are corrected towards, besides the words the rules
     * and exemplars are written in ("wkaing" → "waking"). Common words a user might mistype belong here.
     */
    vocabulary: z.string().regex(/^[a-z\s]*$/, 'must be lowercase words separated by spaces').default(''),
  }),
  scope: z.strictObject({
    /** Any match: the message is about ketamine / ketamine therapy. */
    domain: z.array(regex).min(1),
    /** Mental-health and treatment words: on-topic unless exemplars say clearly otherwise. */
    topical: z.array(regex),
    /** Marks an elliptical follow-up ("what about…", "and is it…") that inherits the conversation's topic. */
    followup: regex,
    /** After a refusal, a message like this ("just a rough number?") repeats the refusal. */
    pushback: regex,
  }),
  rules: z.array(RuleSchema).min(1),
  exemplars: z.array(ExemplarSchema).min(1),
  /** First match (against the normalised message) gives a refusal its general query. */
  general_queries: z.array(
    z.strictObject({
      pattern: regex,
      query: z.string().min(1),
      /** Refusal categories the entry applies to (default: all three). */
      categories: z.array(z.enum(['dosing', 'medical_advice', 'illegal_use'])).min(1).optional(),
    }),
  ),
  texts: z.strictObject({
    crisis: z.string().min(20),
    refusal: z.strictObject({
      dosing: RefusalTextSchema,
      medical_advice: RefusalTextSchema,
      illegal_use: RefusalTextSchema,
    }),
    out_of_scope: z.string().min(20),
    smalltalk: z.strictObject({
      greeting: z.string().min(5),
      thanks: z.string().min(5),
      about: z.string().min(5),
      goodbye: z.string().min(5),
    }),
    /** Offered when the app gives no `exampleQuestions`. */
    suggestions: z.array(z.string().min(5)).length(3),
  }),
});
export type PolicyFile = z.infer<typeof PolicyFileSchema>;

/** Parses and validates policy YAML. `file` only names the source in error messages. */
export function parsePolicyFile(source: string, file: string): PolicyFile {
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (error) {
    throw new PolicyFileError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  const result = PolicyFileSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${file}: ${fieldPath(raw, issue.path)}: ${issue.message}`);
    throw new PolicyFileError(`Invalid safety policy file:\n${lines.join('\n')}`);
  }
  checkCrossReferences(result.data, file);
  return result.data;
}

/** Reads and validates a policy file from disk. */
export function loadPolicyFile(file: string = BUNDLED_POLICY_FILE): { policy: PolicyFile; source: string } {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PolicyFileError(`${file}: cannot read the safety policy file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return { policy: parsePolicyFile(source, file), source };
}

/** `rules[3].pattern` reads worse than `rules[3] (id "dose-units").pattern`, so ids are added where known. */
function fieldPath(raw: unknown, path: PropertyKey[]): string {
  let out = '';
  let node: unknown = raw;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const id = node && typeof node === 'object' && 'id' in node ? (node as { id: unknown }).id : undefined;
      if (typeof id === 'string') out += ` (id "${id}")`;
    } else {
      out += out ? `.${String(key)}` : String(key);
      node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    }
  }
  return out || '(root)';
}

function checkCrossReferences(policy: PolicyFile, file: string): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  const check = (kind: 'rules' | 'exemplars', items: { id: string; label?: string; category?: string; reply?: string; general_query?: string }[]) =>
    items.forEach((item, i) => {
      const label = item.category ?? item.label;
      if (seen.has(item.id)) problems.push(`${kind}[${i}] (id "${item.id}").id: duplicate id`);
      seen.add(item.id);
      if (item.reply && label !== 'smalltalk') problems.push(`${kind}[${i}] (id "${item.id}").reply: only smalltalk items take a reply`);
      if (item.general_query && !['dosing', 'medical_advice', 'illegal_use'].includes(label ?? ''))
        problems.push(`${kind}[${i}] (id "${item.id}").general_query: only refusal items take a general_query`);
    });
  check('rules', policy.rules);
  check('exemplars', policy.exemplars);
  for (const label of POLICY_LABELS) {
    if (!policy.exemplars.some((e) => e.label === label)) problems.push(`exemplars: no exemplar labelled "${label}"`);
  }
  if (problems.length > 0) {
    throw new PolicyFileError(`Invalid safety policy file:\n${problems.map((p) => `  ${file}: ${p}`).join('\n')}`);
  }
}
