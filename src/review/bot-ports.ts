import type { LoadedBot } from '../chat/create-bot.js';
import type { Config } from '../config/env.js';
import type { FeedbackStore } from '../core/feedback.js';
import type { QuestionLog } from '../core/question-log.js';
import type { ReviewStore } from '../core/review.js';
import type { CandidateUnit, ReviewServiceOptions } from './types.js';

/**
 * Margin above the ranker's cross-validated no-answer threshold (src/answer/ranker-weights.json
 * `noAnswerThreshold`, 0.141) within which an answer counts as low-confidence. Measured with
 * `npx tsx scripts/measure-review-margin.ts` on the 848 single-turn dev questions: in every 0.05 band from the
 * threshold up to 0.591 at least half of the answers cite no right unit (50–85 %), above it 30 %. So answers below
 * threshold + 0.45 are more likely wrong than right: those are the ones worth a reviewer's time.
 */
export const LOW_CONFIDENCE_MARGIN = 0.45;

/** The storage ports the review reads and writes. */
export interface ReviewPorts {
  questionLog: QuestionLog;
  feedback: FeedbackStore;
  reviews: ReviewStore;
}

/** Candidate units for a question from the bot's own ranking (the same ranker that answers visitors). */
export function botCandidates(bot: LoadedBot, count = 3): (question: string) => Promise<CandidateUnit[]> {
  return async (question) => {
    const { candidates } = await bot.answerer.rank(question);
    return candidates.slice(0, count).map((c) => ({
      unitId: c.unit.id,
      title: c.unit.section ? `${c.unit.title} — ${c.unit.section}` : c.unit.title,
      probability: c.probability,
    }));
  };
}

/** Everything {@link ReviewService} needs, from the loaded bot, its settings and the storage ports. */
export function reviewOptions(bot: LoadedBot, config: Config, ports: ReviewPorts): ReviewServiceOptions {
  const embeddings = bot.stack.index.store.embeddings;
  return {
    ...ports,
    embed: (texts) => embeddings.embedDocuments(texts),
    candidates: botCandidates(bot),
    units: bot.stack.data.chunks,
    lowConfidenceBelow: Math.min(1, bot.answerer.threshold + LOW_CONFIDENCE_MARGIN),
    acceptedQuestionsFile: config.ACCEPTED_QUESTIONS_FILE,
    evalReportFile: config.EVAL_REPORT_FILE,
    defaultDays: config.REVIEW_DAYS,
  };
}
