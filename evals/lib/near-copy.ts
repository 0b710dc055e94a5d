/**
 * Near-copy detection between a held-out prompt and training text: character 3-gram Jaccard similarity after
 * lowercasing and collapsing whitespace. Cheap, order-insensitive at the word level, and robust to small edits,
 * so a held-out prompt that is a lightly reworded training exemplar is caught.
 */

/** Similarity at or above this marks a near-copy. 0.6 from the frozen-set brief (issue 12, item 6). */
export const NEAR_COPY_THRESHOLD = 0.6;

function trigrams(text: string): Set<string> {
  const s = text.toLowerCase().replace(/\s+/g, ' ').trim();
  const grams = new Set<string>();
  // A string shorter than one trigram is its own single gram, so "hi" still equals "HI".
  if (s.length < 3) {
    if (s) grams.add(s);
    return grams;
  }
  for (let i = 0; i + 3 <= s.length; i++) grams.add(s.slice(i, i + 3));
  return grams;
}

/** Jaccard similarity (0–1) of the two texts' character 3-gram sets; 1 for two empty texts. */
export function trigramJaccard(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return shared / (x.size + y.size - shared);
}
