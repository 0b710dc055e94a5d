/**
 * Near-copy detection for held-out question sets: a frozen test question must not be (almost) the same string as
 * a phrase the bot was tuned on (synonyms, a question bank). Character 3-grams catch reworded punctuation, plurals
 * and small edits that word overlap misses, and need no tokeniser.
 */

/** Jaccard at or above this is a near-copy. 0.6: the threshold issue 11 set for the frozen answer set. */
export const NEAR_COPY_THRESHOLD = 0.6;

/** Lowercased, whitespace collapsed and trimmed: the only normalisation before comparing. */
export function normaliseForNearCopy(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The set of character 3-grams of the normalised text (a text shorter than 3 characters is its own gram). */
export function trigrams(text: string): Set<string> {
  const s = normaliseForNearCopy(text);
  if (s.length < 3) return new Set(s ? [s] : []);
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) grams.add(s.slice(i, i + 3));
  return grams;
}

/** Jaccard similarity of two gram sets; two empty sets are 0 (nothing to copy). */
function setJaccard(A: ReadonlySet<string>, B: ReadonlySet<string>): number {
  if (A.size === 0 && B.size === 0) return 0;
  const [small, large] = A.size <= B.size ? [A, B] : [B, A];
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return shared / (A.size + B.size - shared);
}

/** Character 3-gram Jaccard similarity in [0, 1]; two empty texts are 0 (nothing to copy). */
export function trigramJaccard(a: string, b: string): number {
  return setJaccard(trigrams(a), trigrams(b));
}

/** Whether `a` and `b` are near-copies (Jaccard ≥ `threshold`). */
export function isNearCopy(a: string, b: string, threshold = NEAR_COPY_THRESHOLD): boolean {
  return trigramJaccard(a, b) >= threshold;
}

/** Every string anywhere in a parsed YAML/JSON value (keys of maps included): phrase lists of any shape. */
export function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      out.push(key);
      collectStrings(v, out);
    }
  }
  return out;
}

/** A frozen text and the phrase it nearly copies. */
export interface NearCopy {
  text: string;
  phrase: string;
  jaccard: number;
}

/** Every (text, phrase) pair that is a near-copy. Gram sets are built once per string, not once per pair. */
export function findNearCopies(texts: string[], phrases: string[], threshold = NEAR_COPY_THRESHOLD): NearCopy[] {
  const hits: NearCopy[] = [];
  const uniquePhrases = [...new Set(phrases.map(normaliseForNearCopy).filter(Boolean))].map((p) => ({
    p,
    g: trigrams(p),
  }));
  for (const text of texts) {
    const g = trigrams(text);
    for (const { p, g: pg } of uniquePhrases) {
      // Jaccard ≤ min/max of the set sizes: skip pairs that cannot reach the threshold.
      if (Math.min(g.size, pg.size) < threshold * Math.max(g.size, pg.size)) continue;
      const jaccard = setJaccard(g, pg);
      if (jaccard >= threshold) hits.push({ text, phrase: p, jaccard });
    }
  }
  return hits;
}
