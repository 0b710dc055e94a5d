/**
 * The one answer-type table: questions that ask for a kind of fact, and what a sentence holding that kind of fact
 * looks like. A `required` type is a hard filter (when no candidate holds a name, a year, an amount or a percentage,
 * the articles do not answer "Who first made ketamine?", however close the topic); the others only earn a bonus in
 * sentence scoring (a "how long" question prefers a sentence with a time span).
 */
export interface AnswerType {
  id: string;
  /** Filter (true) or bonus (false). */
  required: boolean;
  question: RegExp;
  sentence: RegExp;
}

export const ANSWER_TYPES: readonly AnswerType[] = [
  {
    id: 'person',
    required: true,
    question: /\bwho\b.{0,40}\b(invent|discover|creat|first (made|make|synthes|develop|produc)|develop|synthes|came up with|patent)/i,
    // A name: two capitalised words in a row that are not the sentence's first word.
    sentence: /(?<!^)\b(?:Dr\.\s+)?[A-Z][a-z]+\s+[A-Z][a-z]+\b/,
  },
  {
    id: 'year',
    required: true,
    question: /\b(what|which) year\b|\bwhen (was|were|did)\b.{0,40}\b(invent|discover|creat|first|develop|synthes|approv|ban)/i,
    sentence: /\b(1[89]\d\d|20\d\d)s?\b/,
  },
  {
    id: 'amount',
    required: true,
    question: /\bhow (much|many dollars)\b.{0,30}\b(cost|price|charge|pay)\b.*\b(dollars?|exactly|\$)|\bin dollars\b|\bexact (price|cost)\b|\bprice (tag|list)\b/i,
    sentence: /[$€£]\s?\d|\b\d[\d,.]*\s?(dollars|usd|euros?)\b/i,
  },
  {
    id: 'percentage',
    required: true,
    question: /\b(what|which) (percent(age)?|proportion|fraction)\b|\bsuccess rate\b|\bremission rate\b|\bhow many (percent|out of)\b/i,
    sentence: /\d\s?(%|percent)|\b\d+ (in|out of) \d+\b/i,
  },
  {
    id: 'time-span',
    required: false,
    // how long / how soon / how quickly → a time span
    question: /\bhow (long|soon|quickly|fast)\b|\bduration\b|\bwhen (will|does|do|can)\b/i,
    sentence: /\b(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b|\bquickly\b|\brapid(ly)?\b|\bshort-lived\b/i,
  },
  {
    id: 'session-length',
    required: false,
    // how long does ONE session / infusion / appointment take → minutes or hours (not the weeks of a whole course)
    question: /\bhow long\b.{0,40}\b(session|infusion|appointment|visit|sitting|drip)\b(?!s)|\bhow long\b.{0,40}\b(each|one|single|an?) (session|infusion|appointment|visit)\b/i,
    sentence: /\b(minutes?|hours?)\b/i,
  },
  {
    id: 'count',
    required: false,
    // how many sessions / infusions / treatments → a count
    question: /\bhow many (sessions?|infusions?|treatments?|visits?|appointments?|times|rounds?)\b|\bhow often\b/i,
    sentence: /\b(\d+|one|two|three|few|several|multiple|series|many)\b.{0,30}\b(sessions?|infusions?|treatments?|visits?)\b/i,
  },
];

/** Required answer types the question asks for (usually none). */
export function requiredAnswerTypes(question: string): AnswerType[] {
  return ANSWER_TYPES.filter((t) => t.required && t.question.test(question));
}

/** How many of the bonus kinds of fact the question asks for this sentence has (a time span, a session's length, a count). */
export function answerTypeMatches(question: string, sentence: string): number {
  return ANSWER_TYPES.filter((t) => !t.required && t.question.test(question) && t.sentence.test(sentence)).length;
}

/** Whether the question asks for a bonus kind of fact this sentence has. */
export function matchesAnswerType(question: string, sentence: string): boolean {
  return answerTypeMatches(question, sentence) > 0;
}
