/**
 * Words that point back at an earlier turn's topic ("is that safe?", "what's its half-life?"): the follow-up model's
 * back-reference feature and the safety policy's "a follow-up inherits the topic" both read them.
 */
export const POINTS_BACK = /\b(it|its|they|them|their|those|these|this|that|there|ones?|same)\b/i;
