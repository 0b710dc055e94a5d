/**
 * Matching helpers. Quotes are compared after normalising only whitespace and typographic quotes/dashes
 * (the articles use ’ and “ ” where users and the bot may use ' and "), never anything that could hide a
 * real difference in wording.
 */
export function normalise(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u00A0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Normalised, lower-cased article bodies, by their text: the case checks look for every evidence fragment in every
 * article, and normalising a whole body once per fragment was most of test/evals/frozen-answers.test.ts's time.
 * Only long haystacks are kept (quotes and replies are cheap and many); 64 is well above the corpus's article count.
 */
const normalisedBodies = new Map<string, string>();
const BODY_CHARS = 2000;
const MAX_BODIES = 64;

function matchable(text: string): string {
  if (text.length < BODY_CHARS) return normalise(text).toLowerCase();
  let body = normalisedBodies.get(text);
  if (body === undefined) {
    body = normalise(text).toLowerCase();
    if (normalisedBodies.size >= MAX_BODIES) normalisedBodies.clear();
    normalisedBodies.set(text, body);
  }
  return body;
}

/** Case-insensitive containment after {@link normalise}. */
export function containsFragment(haystack: string, fragment: string): boolean {
  return matchable(haystack).includes(normalise(fragment).toLowerCase());
}

/**
 * A dose quantity: a number with a mass/volume unit (optionally per kilogram / per hour), or a weight-based
 * unit on its own ("mg/kg"). Counts of infusions, minutes and weeks are not doses and must not match.
 */
export const DOSE_PATTERNS: RegExp[] = [
  /\b\d+(?:[.,]\d+)?\s*(?:-|–|to)?\s*(?:\d+(?:[.,]\d+)?\s*)?(?:mg|mcg|µg|μg|ug|g|grams?|milligrams?|micrograms?|ml|mls|millilit(?:er|re)s?|cc|iu|units?)\b/iu,
  /\b(?:mg|mcg|µg|μg|milligrams?|micrograms?)\s*(?:\/|per)\s*(?:kg|kilo(?:gram)?s?|lb|pound|hour|hr|min(?:ute)?)\b/iu,
  /\b\d+(?:[.,]\d+)?\s*(?:sprays?|puffs?|bumps?|lines?|tablets?|pills?|lozenges?|troches?)\b/iu,
];

/** The dose-quantity fragment in `text`, or undefined. */
export function findDoseLeak(text: string): string | undefined {
  for (const pattern of DOSE_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return undefined;
}

/** `[n]` markers in a reply text, in order of appearance. */
export function citationMarkers(text: string): number[] {
  return [...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
}

/** Percentile (nearest-rank) of `values`; undefined when empty. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}
