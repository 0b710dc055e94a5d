/**
 * The one negation list. A question that asks what NOT to do ("who should not take it?") is answered by a sentence
 * that says "not"; a sentence that denies a claim ("ketamine is not FDA-approved") is on the other side of it.
 */
export const NEGATIONS: readonly string[] = ['not', 'no', 'never', 'none', 'cannot', 'without', 'avoid'];

const NEGATED = new RegExp(`\\b(?:${NEGATIONS.join('|')})\\b|n['’]t\\b`, 'i');

/** Whether the text negates anything: a word of {@link NEGATIONS} or a contracted "n't". */
export function hasNegation(text: string): boolean {
  return NEGATED.test(text);
}
