import type { Answerer, ComposedAnswer } from '../answer/answerer.js';
import { salientTerms, type ResolvedQuery } from './follow-up.js';

/** The answer a turn sends, and the query it was found for. */
export interface FollowUpAnswer {
  answer: ComposedAnswer;
  query: string;
}

/**
 * A borrowing follow-up is read twice: as resolved (the message plus the previous question's topic words) and as
 * typed. The reading the answerability model is surer the articles answer wins, so a follow-up that names its own
 * aspect ("does it cause nausea?" after a question about the mechanism) is not pulled back to the previous
 * topic by the words it borrowed, while an elliptical one ("and over what time period?") keeps them. Measured on
 * the dev conversations (`npm run follow-up:eval`): right unit 88 → 93 of 159. Both readings' vectors come from the
 * turn's one embedding call; a message that does not borrow is answered once.
 */
export async function answerFollowUp(
  answerer: Pick<Answerer, 'answer'>,
  message: string,
  resolved: ResolvedQuery,
): Promise<FollowUpAnswer> {
  const previous = resolved.previous ? { previous: resolved.previous } : {};
  const answer = await answerer.answer(resolved.query, previous);
  // A message with no topic word of its own ("lasting how long?", "is that common?") has no reading alone.
  const hasOwnTopic = salientTerms(message).length > 0;
  if (!resolved.followUp || resolved.query === message || !hasOwnTopic) return { answer, query: resolved.query };
  const alone = await answerer.answer(message, previous);
  const aloneWins = alone.kind === 'answer' && (answer.kind !== 'answer' || alone.confidence > answer.confidence);
  return aloneWins ? { answer: alone, query: message } : { answer, query: resolved.query };
}
