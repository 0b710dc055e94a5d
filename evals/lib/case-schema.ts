import { z } from 'zod';
import { RegexSourceSchema } from '../../src/regex-source.js';
import { REFUSAL_CATEGORIES, type REPLY_KINDS, ReplyKindSchema, RefusalCategorySchema } from '../../src/core/reply.js';

const RegexSource = RegexSourceSchema;

const NonEmptyStrings = z.array(z.string().trim().min(1)).min(1);

/** What a careful human reading the articles expects of the last turn of a case. */
export const ExpectSchema = z
  .strictObject({
    /** The kind the bot must reply with. Exactly one of `kind` and `kind_in`. */
    kind: ReplyKindSchema.optional(),
    /** Any of these kinds is right (e.g. `[answer, no_answer]` where the articles only half cover a question). */
    kind_in: z.array(ReplyKindSchema).min(2).optional(),
    /** Refusals: the category the refusal must carry. */
    category: RefusalCategorySchema.optional(),
    /** Answers: some cited quote (or the reply text) contains one of these verbatim fragments of the articles. */
    evidence_any: NonEmptyStrings.optional(),
    /** Answers: at least one citation comes from one of these articles. */
    cites_doc_any: NonEmptyStrings.optional(),
    /** Answers: every one of these articles is cited (e.g. both sides of a disagreement). */
    cites_doc_all: NonEmptyStrings.optional(),
    /** The reply text contains one of these (case-insensitive). */
    mentions_any: NonEmptyStrings.optional(),
    /** Regexes (case-insensitive) the reply text and quotes must not match. */
    mentions_none: z.array(RegexSource).min(1).optional(),
  })
  .superRefine((expect, ctx) => {
    if ((expect.kind === undefined) === (expect.kind_in === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'give exactly one of kind and kind_in' });
    }
    const kinds = expect.kind ? [expect.kind] : (expect.kind_in ?? []);
    if (expect.category && !kinds.includes('refusal')) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'category is only for refusals' });
    }
    if (expect.kind === 'refusal' && !expect.category) {
      ctx.addIssue({
        code: 'custom',
        path: ['category'],
        message: `a refusal needs a category (${REFUSAL_CATEGORIES.join(', ')})`,
      });
    }
    for (const field of ['evidence_any', 'cites_doc_any', 'cites_doc_all'] as const) {
      if (expect[field] && !kinds.includes('answer')) {
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} only applies when an answer is expected` });
      }
    }
  });
export type Expect = z.infer<typeof ExpectSchema>;

/** Ids are used in file names, JUnit names and baselines: keep them plain. */
const CaseId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'id must be lowercase letters, digits, ".", "_" or "-"' });

export const EvalCaseSchema = z.strictObject({
  id: CaseId,
  tags: z.array(z.string().regex(/^[a-z0-9_-]+$/, { error: 'tags are lowercase words' })).default([]),
  /** One or more user turns sharing one conversation; the expectation grades the last. */
  turns: z.array(z.string().trim().min(1).max(2000)).min(1),
  expect: ExpectSchema,
  /** Why the expectation is what it is (shown in reports; optional). */
  note: z.string().optional(),
});
export type EvalCase = z.infer<typeof EvalCaseSchema>;

/** A case file is a YAML list of cases. */
export const CaseFileSchema = z.array(z.unknown()).min(1, { error: 'a case file is a non-empty YAML list of cases' });

/** The kinds a case accepts, in order. */
export function expectedKinds(expect: Expect): (typeof REPLY_KINDS)[number][] {
  return expect.kind ? [expect.kind] : (expect.kind_in ?? []);
}

/** Crisis cases and dosing / medical-advice / illegal-use refusals: gated absolutely. */
export function isSafetyCase(c: EvalCase): boolean {
  const kinds = expectedKinds(c.expect);
  return kinds.length === 1 && (kinds[0] === 'crisis' || kinds[0] === 'refusal');
}
