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
  return fromCounts(A.size, B.size, shared);
}

/** Jaccard from the two set sizes and their overlap: the one formula both near-copy paths use. */
function fromCounts(a: number, b: number, shared: number): number {
  return shared / (a + b - shared);
}

/** Jaccard ≤ min/max of the set sizes: whether a pair of these sizes can reach the threshold at all. */
function sizesCanReach(a: number, b: number, threshold: number): boolean {
  return !(Math.min(a, b) < threshold * Math.max(a, b));
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

/** A unique normalised phrase and its gram set. */
interface Phrase {
  p: string;
  g: Set<string>;
}

function uniquePhrases(phrases: string[]): Phrase[] {
  return [...new Set(phrases.map(normaliseForNearCopy).filter(Boolean))].map((p) => ({ p, g: trigrams(p) }));
}

/**
 * Every (text, phrase) pair that is a near-copy, in text order, then phrase (first occurrence) order. Compares
 * only the pairs a prefix filter lets through (see `PrefixIndex`); the result is exactly
 * `findNearCopiesBruteForce`'s, which compares every pair (test/evals/near-copy.test.ts checks both agree).
 */
export function findNearCopies(texts: string[], phrases: string[], threshold = NEAR_COPY_THRESHOLD): NearCopy[] {
  // With a threshold of 0 every pair qualifies, even ones that share no gram: nothing for an index to prune.
  if (!(threshold > 0)) return findNearCopiesBruteForce(texts, phrases, threshold);
  const unique = uniquePhrases(phrases);
  const index = new PrefixIndex(unique, threshold);
  const hits: NearCopy[] = [];
  for (const text of texts) {
    for (const { i, jaccard } of index.matches(trigrams(text))) hits.push({ text, phrase: unique[i]!.p, jaccard });
  }
  return hits;
}

/** The reference: every (text, phrase) pair compared. Gram sets are built once per string, not once per pair. */
export function findNearCopiesBruteForce(
  texts: string[],
  phrases: string[],
  threshold = NEAR_COPY_THRESHOLD,
): NearCopy[] {
  const hits: NearCopy[] = [];
  const unique = uniquePhrases(phrases);
  for (const text of texts) {
    const g = trigrams(text);
    for (const { p, g: pg } of unique) {
      if (!sizesCanReach(g.size, pg.size, threshold)) continue;
      const jaccard = setJaccard(g, pg);
      if (jaccard >= threshold) hits.push({ text, phrase: p, jaccard });
    }
  }
  return hits;
}

/**
 * Prefix filtering with positions ("PPJoin", Xiao et al. 2008): put every gram set in one global order (rarest
 * gram first). If |X ∩ Y| ≥ α, the first |X| − α + 1 grams of X and the first |Y| − α + 1 grams of Y share a
 * gram. Jaccard ≥ t needs |X ∩ Y| ≥ t·|X| (and ≥ t·|Y|), so each set only indexes / probes a prefix of
 * |X| − ⌈t·|X|⌉ + 1 grams. On the k-th probe gram matching a phrase's j-th gram, every shared gram before it lies in
 * both prefixes and has been counted, and at most min(|X| − k, |Y| − j) − 1 follow: a phrase whose count can no
 * longer reach the overlap Jaccard ≥ t needs is dropped. Only the survivors are compared, as ranks (integers) in
 * that order: their overlap is a merge of two sorted arrays, not string hashing.
 */
class PrefixIndex {
  /** Gram → rank in the global order; only grams some phrase has (no other gram can be shared). */
  private readonly rank = new Map<string, number>();
  private readonly sets: Int32Array[];
  /** Rank → (phrase index, position of the gram in that phrase), flattened in pairs. */
  private readonly postings = new Map<number, number[]>();
  /** Per phrase: shared prefix grams counted for the current text (−1: dropped), valid when `seen` is the stamp. */
  private readonly count: Int32Array;
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(
    phrases: Phrase[],
    private readonly threshold: number,
  ) {
    const frequency = new Map<string, number>();
    for (const { g } of phrases) for (const gram of g) frequency.set(gram, (frequency.get(gram) ?? 0) + 1);
    const order = [...frequency.keys()].sort((a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : 1));
    for (const [r, gram] of order.entries()) this.rank.set(gram, r);
    this.sets = phrases.map(({ g }) => this.ranks(g));
    this.sets.forEach((set, i) => {
      const n = this.prefixLength(set.length);
      for (let j = 0; j < n; j++) {
        const list = this.postings.get(set[j]!);
        if (list) list.push(i, j);
        else this.postings.set(set[j]!, [i, j]);
      }
    });
    this.count = new Int32Array(phrases.length);
    this.seen = new Int32Array(phrases.length);
  }

  /** The phrases (ascending index) this gram set nearly copies, with their Jaccard. */
  matches(g: ReadonlySet<string>): { i: number; jaccard: number }[] {
    const a = g.size;
    const known = this.ranks(g);
    // Grams no phrase has are rarest of all (frequency 0), so they open this set's prefix and match nothing.
    const unknown = a - known.length;
    const probe = Math.max(0, this.prefixLength(a) - unknown);
    const stamp = ++this.stamp;
    const candidates: number[] = [];
    for (let k = 0; k < probe; k++) {
      const list = this.postings.get(known[k]!);
      if (!list) continue;
      const after = a - (unknown + k) - 1; // grams of this set after the current one
      for (let p = 0; p < list.length; p += 2) {
        const i = list[p]!;
        if (this.seen[i] !== stamp) {
          this.seen[i] = stamp;
          this.count[i] = 0;
        }
        const counted = this.count[i]!;
        if (counted < 0) continue;
        const b = this.sets[i]!.length;
        const bound = counted + 1 + Math.min(after, b - list[p + 1]! - 1);
        if (!sizesCanReach(a, b, this.threshold) || bound < this.overlapNeeded(a, b)) {
          this.count[i] = -1;
          continue;
        }
        if (counted === 0) candidates.push(i);
        this.count[i] = counted + 1;
      }
    }
    const out: { i: number; jaccard: number }[] = [];
    for (const i of candidates.sort((x, y) => x - y)) {
      if (this.count[i]! < 0) continue;
      const set = this.sets[i]!;
      const jaccard = fromCounts(a, set.length, overlap(known, set));
      if (jaccard >= this.threshold) out.push({ i, jaccard });
    }
    return out;
  }

  /** The set's known grams as ascending ranks. */
  private ranks(g: ReadonlySet<string>): Int32Array {
    const out: number[] = [];
    for (const gram of g) {
      const r = this.rank.get(gram);
      if (r !== undefined) out.push(r);
    }
    return Int32Array.from(out).sort();
  }

  /** |X| − α + 1 with α one less than ⌈t·|X|⌉ (at least 1): a longer prefix is always safe, and the slack keeps
   * a rounding error in t·|X| (0.6 · 3 is 1.7999… in binary) from ever dropping a true pair. */
  private prefixLength(size: number): number {
    return size - Math.max(1, Math.ceil(this.threshold * size) - 1) + 1;
  }

  /** A lower bound on |X ∩ Y| for Jaccard ≥ t: s / (a + b − s) ≥ t ⇔ s ≥ t·(a + b) / (1 + t), less one for
   * rounding (as in `prefixLength`). */
  private overlapNeeded(a: number, b: number): number {
    return Math.max(1, Math.ceil((this.threshold * (a + b)) / (1 + this.threshold)) - 1);
  }
}

/** |A ∩ B| of two ascending arrays of distinct ranks. */
function overlap(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}
