import { ReviewDecisionSchema, type ReviewDecision } from '../core/review.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import { addAccepted } from './accepted-file.js';
import { clusterQuestions } from './cluster.js';
import { readEvalReport } from './eval-report.js';
import { normaliseQuestion } from './normalise.js';
import { countEntries, groupQuestions, reviewReason, type ReviewReason } from './summary.js';
import {
  DecideInputSchema,
  type CandidateUnit,
  type DecideInput,
  type ReviewCluster,
  type ReviewServiceOptions,
  type ReviewSummary,
} from './types.js';

/**
 * Candidate units are looked up for the 30 biggest open clusters, from their 2 most asked wordings: one ranking is
 * at most a turn's ~35 ms (measured, see TURN_CONCURRENCY in src/config/env.ts), so a page costs at most ~2 s of ranking. Smaller clusters still
 * show; their units can be typed in.
 */
const MAX_CANDIDATE_CLUSTERS = 30;
const CANDIDATE_WORDINGS = 2;
/** Display limits (page and CLI): wordings shown per cluster, and rows of the top-questions table. */
const SAMPLES = 5;
const TOP_QUESTIONS = 20;

const DAY_MS = 86_400_000;

/** The staff review over the question log, feedback and decisions; the `/admin` page and `npm run review` share it. */
export class ReviewService {
  constructor(private readonly options: ReviewServiceOptions) {}

  private since(days: number): string {
    return new Date((this.options.now ?? (() => new Date()))().getTime() - days * DAY_MS).toISOString();
  }

  /** Clusters of the questions to review (no_answer and low-confidence) within `days`, before any lookups. */
  private async collect(days: number) {
    const since = this.since(days);
    const entries = await this.options.questionLog.list({ since });
    const pool = entries.filter((e) => reviewReason(e, this.options.lowConfidenceBelow) !== undefined);
    const groups = groupQuestions(pool);
    const reasons = new Map<string, Set<ReviewReason>>();
    for (const e of pool) {
      const key = e.question === null ? undefined : normaliseQuestion(e.question);
      const reason = reviewReason(e, this.options.lowConfidenceBelow);
      if (key && reason) reasons.set(key, (reasons.get(key) ?? new Set()).add(reason));
    }
    const vectors = groups.length > 0 ? await this.options.embed(groups.map((g) => g.key)) : [];
    const byKey = new Map(groups.map((g, i) => [g.key, vectors[i] as number[]]));
    const clusters = clusterQuestions(groups, byKey);
    return { since, entries, groups, reasons, clusters };
  }

  async summary(days = this.options.defaultDays): Promise<ReviewSummary> {
    const { since, entries, groups, reasons, clusters } = await this.collect(days);
    const decisions = await this.options.reviews.list();
    const latest = new Map<string, ReviewDecision>();
    for (const d of decisions) if (!latest.has(d.clusterKey)) latest.set(d.clusterKey, d);
    const shown: ReviewCluster[] = [];
    for (const [i, c] of clusters.entries()) {
      const decision = latest.get(c.key);
      const samples = c.members.slice(0, SAMPLES).map((m) => ({ question: m.text, count: m.count }));
      const why = new Set(c.members.flatMap((m) => [...(reasons.get(m.key) ?? [])]));
      const candidates =
        !decision && i < MAX_CANDIDATE_CLUSTERS
          ? await this.candidatesFor(samples.slice(0, CANDIDATE_WORDINGS).map((s) => s.question))
          : [];
      shown.push({
        key: c.key,
        count: c.count,
        lastAt: c.lastAt,
        size: c.members.length,
        samples,
        reasons: [...why],
        candidates,
        ...(decision ? { decision } : {}),
      });
    }
    const top = groupQuestions(entries).slice(0, TOP_QUESTIONS);
    return {
      days,
      since,
      lowConfidenceBelow: this.options.lowConfidenceBelow,
      unanswered: groups.map((g) => ({
        question: g.text,
        count: g.count,
        lastAt: g.lastAt,
        reason: reasons.get(g.key)?.has('no_answer') ? 'no_answer' : 'low_confidence',
      })),
      clusters: shown.filter((c) => !c.decision),
      decided: shown.filter((c) => c.decision),
      thumbsDown: await this.thumbsDown(since),
      topQuestions: top.map((g) => ({ question: g.text, count: g.count, lastAt: g.lastAt })),
      counts: countEntries(entries),
      evalReport: await readEvalReport(this.options.evalReportFile),
      decisions,
    };
  }

  /** Best units over a cluster's first questions: each unit's highest probability, best first. */
  private async candidatesFor(questions: string[]): Promise<CandidateUnit[]> {
    const best = new Map<string, CandidateUnit>();
    for (const q of questions)
      for (const c of await this.options.candidates(q))
        if ((best.get(c.unitId)?.probability ?? -1) < c.probability) best.set(c.unitId, c);
    return [...best.values()].sort((a, b) => b.probability - a.probability).slice(0, 3);
  }

  /** Current thumbs-down votes joined to their question-log entries (crisis turns: no text). */
  private async thumbsDown(since: string): Promise<ReviewSummary['thumbsDown']> {
    const votes = (await this.options.feedback.list({ rating: 'down', since })).filter(
      (v) => v.rating === 'down' && (v.at === undefined || v.at >= since),
    );
    const out: ReviewSummary['thumbsDown'] = [];
    for (const v of votes) {
      const entry = await this.options.questionLog.get(v.turnId);
      const crisis = entry?.kind === 'crisis';
      out.push({
        turnId: v.turnId,
        question: crisis ? null : (entry?.question ?? null),
        answer: crisis ? null : (entry?.answer ?? null),
        comment: v.comment ?? null,
        at: v.at ?? entry?.at ?? '',
        channel: v.channel,
      });
    }
    return out;
  }

  /**
   * Records a decision on a cluster of the current review. `accept` first adds the question (default: the cluster's
   * most asked one) to the accepted-questions file, so the next index build embeds it, then stores the decision.
   */
  async decide(input: DecideInput): Promise<ReviewDecision> {
    const parsed = DecideInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BadRequestError(`${issue?.path.join('.') || 'body'}: ${issue?.message}`, 'invalid_decision');
    }
    const { days, ...rest } = parsed.data;
    const { clusters } = await this.collect(days ?? this.options.defaultDays);
    const cluster = clusters.find((c) => c.key === rest.clusterKey);
    if (!cluster) throw new NotFoundError(`No cluster ${rest.clusterKey} in the review period.`, 'unknown_cluster');
    const decision: ReviewDecision = {
      clusterKey: rest.clusterKey,
      action: rest.action,
      by: rest.by,
      at: new Date().toISOString(),
    };
    if (rest.action === 'accept') {
      if (!rest.unitId) throw new BadRequestError('accept needs the unitId the question answers.', 'invalid_decision');
      const unit = this.options.units.find((u) => u.id === rest.unitId);
      if (!unit) throw new BadRequestError(`Unknown unit ${rest.unitId}.`, 'unknown_unit');
      const question = (rest.question ?? cluster.members[0]?.text ?? '').trim();
      if (question.length < 3)
        throw new BadRequestError('The question must be at least 3 characters.', 'invalid_decision');
      await addAccepted(this.options.acceptedQuestionsFile, unit, [...this.options.units], question);
      Object.assign(decision, { unitId: unit.id, question });
    }
    await this.options.reviews.decide(ReviewDecisionSchema.parse(decision));
    return decision;
  }
}
