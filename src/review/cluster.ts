import { createHash } from 'node:crypto';
import { dot } from '../core/vector.js';

/**
 * Average cosine at or above which two clusters merge. Chosen on generated paraphrases with USE-lite
 * (`npx tsx scripts/tune-review-clusters.ts`, generated data in that script, 12 topics × 4 wordings): 0.70–0.72 gave
 * the best pair F1 (0.65, 12 clusters; README "Reviewing what visitors asked" has the sweep); the upper edge of that
 * plateau, since a reviewer would rather split one topic than read two merged. Every visitor question shares "ketamine"
 * and "therapy", so unrelated questions already sit near 0.6 and the threshold has to be high.
 */
export const CLUSTER_THRESHOLD = 0.72;

/**
 * Most distinct questions clustered (the most asked ones); the rest are listed as clusters of one. Average linkage
 * scans all pairs per merge: 500 questions take 0.9 s on the shared 2-core box (measured, 512-d vectors, 40
 * topics), and a month's unanswered questions are rarely more.
 */
export const MAX_CLUSTERED = 500;

/** One distinct (normalised) question with how often and when it was last asked. */
export interface QuestionGroup {
  /** Normalised text (the grouping key). */
  key: string;
  /** The text as last asked, for display. */
  text: string;
  count: number;
  lastAt: string;
}

/** A cluster of similar questions. */
export interface QuestionCluster {
  /** Stable key: derived from the cluster's seed (its most asked question), so it survives new members. */
  key: string;
  /** Most asked first. */
  members: QuestionGroup[];
  count: number;
  lastAt: string;
}

/** The cluster key of a seed question (its normalised text, hashed). */
export function clusterKey(normalisedSeed: string): string {
  return `c-${createHash('sha256').update(normalisedSeed).digest('hex').slice(0, 16)}`;
}

const byCount = (a: QuestionGroup, b: QuestionGroup) => b.count - a.count || a.key.localeCompare(b.key);

/**
 * Agglomerative clustering with average linkage over unit vectors: repeatedly merges the two clusters whose mean
 * pairwise cosine is highest, while it reaches `threshold`. Average linkage (not a greedy centroid pass) because on
 * the tuning data a growing centroid drifts toward the domain's common direction and swallows neighbouring topics.
 */
export function clusterQuestions(
  groups: readonly QuestionGroup[],
  vectors: ReadonlyMap<string, number[]>,
  threshold = CLUSTER_THRESHOLD,
): QuestionCluster[] {
  const items = [...groups].sort(byCount).filter((g) => vectors.has(g.key));
  const head = items.slice(0, MAX_CLUSTERED);
  const vs = head.map((g) => vectors.get(g.key) as number[]);
  // sums[i][j]: sum of pairwise cosines between clusters i and j; sizes[i]: members of cluster i.
  const sums = vs.map((a) => vs.map((b) => dot(a, b)));
  const members: (number[] | undefined)[] = head.map((_, i) => [i]);
  for (;;) {
    let best = threshold;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < members.length; i++) {
      const mi = members[i];
      if (!mi) continue;
      for (let j = i + 1; j < members.length; j++) {
        const mj = members[j];
        if (!mj) continue;
        const avg = (sums[i]?.[j] as number) / (mi.length * mj.length);
        if (avg >= best) [best, bi, bj] = [avg, i, j];
      }
    }
    if (bi < 0) break;
    members[bi] = [...(members[bi] as number[]), ...(members[bj] as number[])];
    members[bj] = undefined;
    for (let k = 0; k < members.length; k++) {
      const s = (sums[bi]?.[k] as number) + (sums[bj]?.[k] as number);
      (sums[bi] as number[])[k] = s;
      (sums[k] as number[])[bi] = s;
    }
  }
  const clusters = members
    .filter((m): m is number[] => m !== undefined)
    .map((m) => m.map((i) => head[i] as QuestionGroup))
    .concat(items.slice(MAX_CLUSTERED).map((g) => [g]));
  return clusters
    .map((list) => {
      const sorted = list.sort(byCount);
      return {
        key: clusterKey((sorted[0] as QuestionGroup).key),
        members: sorted,
        count: sorted.reduce((s, m) => s + m.count, 0),
        lastAt:
          sorted
            .map((m) => m.lastAt)
            .sort()
            .at(-1) ?? '',
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}
