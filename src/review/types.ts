import { z } from 'zod';
import type { FeedbackStore } from '../core/feedback.js';
import type { QuestionLog } from '../core/question-log.js';
import { ReviewDecisionSchema, type ReviewDecision, type ReviewStore } from '../core/review.js';
import type { Chunk } from '../corpus/chunk.js';
import type { QuestionCluster } from './cluster.js';
import type { EvalReportStatus } from './eval-report.js';
import type { ReviewCounts, ReviewReason } from './summary.js';

/** A unit the bot's ranker proposes for a cluster's questions. */
export interface CandidateUnit {
  unitId: string;
  /** Article title and section, for display. */
  title: string;
  /** The ranker's probability that the unit answers the question (0–1). */
  probability: number;
}

/** Options for {@link ReviewService}: the ports and the bot pieces it reads. */
export interface ReviewServiceOptions {
  questionLog: QuestionLog;
  feedback: FeedbackStore;
  reviews: ReviewStore;
  /** Embeds question texts (USE-lite in production; unit vectors). */
  embed: (texts: string[]) => Promise<number[][]>;
  /** The bot's ranked answer units for a question, best first. */
  candidates: (question: string) => Promise<CandidateUnit[]>;
  /** The answer units (to anchor an accepted question). */
  units: readonly Chunk[];
  /** Answers below this answerability confidence are reviewed as low-confidence. */
  lowConfidenceBelow: number;
  acceptedQuestionsFile: string;
  evalReportFile: string;
  /** Days covered when a call does not say (REVIEW_DAYS). */
  defaultDays: number;
  now?: () => Date;
}

export interface ReviewCluster extends Omit<QuestionCluster, 'members'> {
  /** Distinct questions, most asked first (at most 5). */
  samples: { question: string; count: number }[];
  size: number;
  reasons: ReviewReason[];
  candidates: CandidateUnit[];
  decision?: ReviewDecision;
}

export interface ReviewSummary {
  days: number;
  since: string;
  lowConfidenceBelow: number;
  unanswered: { question: string; count: number; lastAt: string; reason: ReviewReason }[];
  clusters: ReviewCluster[];
  decided: ReviewCluster[];
  thumbsDown: {
    turnId: string;
    question: string | null;
    answer: string | null;
    comment: string | null;
    at: string;
    channel: string;
  }[];
  topQuestions: { question: string; count: number; lastAt: string }[];
  counts: ReviewCounts;
  evalReport: EvalReportStatus;
  decisions: ReviewDecision[];
}

/** What staff send to decide a cluster. */
export const DecideInputSchema = ReviewDecisionSchema.pick({
  clusterKey: true,
  action: true,
  unitId: true,
  question: true,
}).extend({ by: ReviewDecisionSchema.shape.by.default('admin'), days: z.number().int().min(1).max(3650).optional() });
export type DecideInput = z.input<typeof DecideInputSchema>;
