/**
 * Known points on which the articles contradict each other. When a question touches one, the answer shows both
 * sides with citations and says so, rather than letting retrieval pick a side.
 */
import { hasNegation } from '../text/negation.js';

/** A claim the articles may state with opposite polarity. */
export interface Claim {
  id: string;
  /** The question is about this claim. */
  question: RegExp;
  /** The sentence states (or denies) this claim. */
  sentence: RegExp;
}

export const CLAIMS: readonly Claim[] = [
  {
    id: 'fda-approval',
    question: /\b(fda|approv\w*|sanction\w*|regulator\w*|authori[sz]\w*|officially)\b/i,
    sentence: /\bapprov\w*\b.*\bfda\b|\bfda\b.*\bapprov\w*/i,
  },
  {
    id: 'addictive',
    question: /\b(addict\w*|habit[- ]?forming|hooked|dependen\w*)\b/i,
    sentence: /\b(addictive|dependent on|dependence)\b/i,
  },
];

/** True when the sentence denies the claim (a negation anywhere in it; the claim sentences are short). */
export function isNegated(sentence: string): boolean {
  return hasNegation(sentence);
}

/** The claims a question is about. */
export function claimsFor(question: string): Claim[] {
  return CLAIMS.filter((c) => c.question.test(question));
}
