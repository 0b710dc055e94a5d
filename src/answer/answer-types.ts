/**
 * The one answer-type table: questions that ask for a kind of fact, and what a sentence holding that kind of fact
 * looks like. Each is a hard filter: when no unit holds a name, a year, an amount or a percentage, the articles do
 * not answer "Who first made ketamine?", however close the topic. (The bonus types that used to steer sentence
 * scoring — time span, session length, count — are gone: the learned ranker and the bank's questions do that.)
 */
export interface AnswerType {
  id: string;
  question: RegExp;
  sentence: RegExp;
}

export const ANSWER_TYPES: readonly AnswerType[] = [
  {
    id: 'person',
    question:
      /\bwho\b.{0,40}\b(invent|discover|creat|first (made|make|synthes|develop|produc)|develop|synthes|came up with|patent)/i,
    // A name: two capitalised words in a row that are not the sentence's first word.
    sentence: /(?<!^)\b(?:Dr\.\s+)?[A-Z][a-z]+\s+[A-Z][a-z]+\b/,
  },
  {
    id: 'year',
    question:
      /\b(what|which) year\b|\bwhen (was|were|did)\b.{0,40}\b(invent|discover|creat|first|develop|synthes|approv|ban)/i,
    sentence: /\b(1[89]\d\d|20\d\d)s?\b/,
  },
  {
    id: 'amount',
    question:
      /\bhow (much|many dollars)\b.{0,30}\b(cost|price|charge|pay)\b.*\b(dollars?|exactly|\$)|\bin dollars\b|\bexact (price|cost)\b|\bprice (tag|list)\b/i,
    sentence: /[$€£]\s?\d|\b\d[\d,.]*\s?(dollars|usd|euros?)\b/i,
  },
  {
    id: 'percentage',
    question:
      /\b(what|which) (percent(age)?|proportion|fraction)\b|\bsuccess rate\b|\bremission rate\b|\bhow many (percent|out of)\b/i,
    sentence: /\d\s?(%|percent)|\b\d+ (in|out of) \d+\b/i,
  },
];

/** Answer types the question asks for (usually none). */
export function requiredAnswerTypes(question: string): AnswerType[] {
  return ANSWER_TYPES.filter((t) => t.question.test(question));
}
