import type { ReplyKind } from '../../../src/core/reply.js';
import { expectedKinds } from '../case-schema.js';
import type { GradedCase } from '../grade.js';
import { containsFragment } from '../text.js';

/** The question styles of the frozen set (first tag of an answerable single-turn case). */
export const STYLES = ['plain', 'typo', 'rambling', 'short', 'lay'] as const;

const MISFIRE_KINDS: ReplyKind[] = ['refusal', 'out_of_scope', 'crisis'];

/** A case's role in the figures. */
export type CaseRole = 'answerable' | 'follow-up' | 'not-covered' | 'other';

/** Multi-turn cases are follow-ups; single-turn cases are answerable or not covered by their expected kinds. */
export function roleOf(g: Pick<GradedCase, 'expect' | 'turns'>): CaseRole {
  const kinds = expectedKinds(g.expect);
  if (kinds.includes('answer')) return g.turns.length > 1 ? 'follow-up' : 'answerable';
  if (kinds.includes('no_answer') && kinds.every((k) => k === 'no_answer' || k === 'out_of_scope'))
    return 'not-covered';
  return 'other';
}

/**
 * The headline test: an answer with some citation QUOTE holding an expected fragment (the reply text alone does
 * not count: the point is that the right passage was found and cited), normalised as the eval suite does.
 */
export function isRightUnit(g: Pick<GradedCase, 'expect' | 'reply'>): boolean {
  const fragments = g.expect.evidence_any ?? [];
  const reply = g.reply;
  return reply?.kind === 'answer' && reply.citations.some((c) => fragments.some((f) => containsFragment(c.quote, f)));
}

/** A rate with its counts; `rate` is undefined when nothing was measured. */
export interface Rate {
  hits: number;
  n: number;
  rate?: number;
  /** Wilson 95 % interval, so a per-style figure over 30 questions is not read as precise. */
  ci95?: [number, number];
}

/** Figures over a group of answerable cases. */
export interface AnswerRow {
  n: number;
  rightUnit: Rate;
  /** Answered, but no cited quote holds an expected fragment (wrong passage). */
  wrongUnit: Rate;
  falseNoAnswer: Rate;
  /** refusal / out_of_scope / crisis on a question the articles answer. */
  misfire: Rate;
  errors: number;
}

/** Everything `npm run eval:frozen` reports. */
export interface FrozenFigures {
  cases: number;
  /** Answerable single-turn questions (the headline). */
  answerable: AnswerRow;
  byStyle: Record<string, AnswerRow>;
  byArticle: Record<string, AnswerRow>;
  /** Multi-turn cases whose last turn is an answerable follow-up. */
  followUp: AnswerRow;
  noAnswer: {
    /** Last turns (any case) that got no_answer. */
    given: number;
    /** Of those, the share whose case is a not-covered question. */
    precision: Rate;
    /** Not-covered questions (single- and multi-turn) declined as expected (no_answer, or out_of_scope where allowed). */
    recall: Rate;
    /** Not-covered questions answered anyway. */
    answered: Rate;
  };
  /** Replies whose citations break the eval suite's rules (non-verbatim quote, missing citation...). */
  citationProblems: number;
}

/** Wilson score interval (z = 1.96, 95 %). */
export function wilson(hits: number, n: number): [number, number] | undefined {
  if (n === 0) return undefined;
  const z = 1.96;
  const p = hits / n;
  const denom = 1 + (z * z) / n;
  const centre = p + (z * z) / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, (centre - margin) / denom), Math.min(1, (centre + margin) / denom)];
}

export function rate(hits: number, n: number): Rate {
  return n === 0 ? { hits, n } : { hits, n, rate: hits / n, ci95: wilson(hits, n) };
}

function answerRow(cases: GradedCase[]): AnswerRow {
  const n = cases.length;
  const count = (p: (g: GradedCase) => boolean) => cases.filter(p).length;
  const right = count(isRightUnit);
  return {
    n,
    rightUnit: rate(right, n),
    wrongUnit: rate(count((g) => g.reply?.kind === 'answer') - right, n),
    falseNoAnswer: rate(
      count((g) => g.reply?.kind === 'no_answer'),
      n,
    ),
    misfire: rate(
      count((g) => g.reply !== undefined && MISFIRE_KINDS.includes(g.reply.kind)),
      n,
    ),
    errors: count((g) => g.error !== undefined || g.reply === undefined),
  };
}

function groupBy(cases: GradedCase[], key: (g: GradedCase) => string | undefined): Record<string, AnswerRow> {
  const groups = new Map<string, GradedCase[]>();
  for (const g of cases) {
    const k = key(g) ?? '(none)';
    groups.set(k, [...(groups.get(k) ?? []), g]);
  }
  return Object.fromEntries([...groups.keys()].sort().map((k) => [k, answerRow(groups.get(k)!)]));
}

/** The figures for graded frozen cases; `articleIds` name the corpus articles (a case's article is its article tag). */
export function computeFigures(graded: GradedCase[], articleIds: string[]): FrozenFigures {
  const answerable = graded.filter((g) => roleOf(g) === 'answerable');
  const followUps = graded.filter((g) => roleOf(g) === 'follow-up');
  const notCovered = graded.filter((g) => roleOf(g) === 'not-covered');
  const gotNoAnswer = graded.filter((g) => g.reply?.kind === 'no_answer');
  const articleOf = (g: GradedCase) => g.tags.find((t) => articleIds.includes(t)) ?? g.expect.cites_doc_any?.[0];
  return {
    cases: graded.length,
    answerable: answerRow(answerable),
    byStyle: groupBy(answerable, (g) => g.tags.find((t) => (STYLES as readonly string[]).includes(t))),
    byArticle: groupBy(answerable, articleOf),
    followUp: answerRow(followUps),
    noAnswer: {
      given: gotNoAnswer.length,
      precision: rate(gotNoAnswer.filter((g) => roleOf(g) === 'not-covered').length, gotNoAnswer.length),
      recall: rate(
        notCovered.filter((g) => g.reply !== undefined && expectedKinds(g.expect).includes(g.reply.kind)).length,
        notCovered.length,
      ),
      answered: rate(notCovered.filter((g) => g.reply?.kind === 'answer').length, notCovered.length),
    },
    citationProblems: graded.reduce((sum, g) => sum + g.invalidReplies, 0),
  };
}
