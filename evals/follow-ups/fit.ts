/**
 * Fits the follow-up model (src/chat/follow-up-model.ts) on dev conversations: the last turn of a follow-up is a
 * positive (it leans on the earlier turn) unless its family is `standalone`; first turns, standalone last turns and
 * every single-turn dev question are negatives (they stand on their own). Middle turns of 3-turn cases are left out
 * (either could be right). The threshold is chosen on out-of-fold probabilities (5 folds, grouped by case).
 */
import { writeFile } from 'node:fs/promises';
import { fitRanker } from '../retrieval/fit.js';
import { groupFolds, outOfFold } from '../../src/learn/cross-validation.js';
import { linearModelToJson } from '../../src/learn/weights-file.js';
import { ELLIPSIS_FEATURES, ellipsisFeatures, type Vocabulary } from '../../src/chat/follow-up-features.js';
import { salientTerms } from '../../src/chat/follow-up.js';
import type { FollowUpWeights } from '../../src/chat/follow-up-model.js';
import { expandContractions } from '../../src/text/contractions.js';
import type { LoadedCase } from '../lib/load-cases.js';

/** Where the fitted weights go. */
export const WEIGHTS_FILE = 'src/chat/follow-up-weights.json';
/** Folds for choosing the threshold: 5, the same as the ranker's cross-validation. */
const FOLDS = 5;
const SEED = 11;

interface Sample {
  x: number[];
  y: number;
  group: string;
}

export function samplesOf(cases: LoadedCase[], vocabulary: Vocabulary): Sample[] {
  const row = (text: string) => {
    const message = expandContractions(text);
    return ellipsisFeatures(message, salientTerms(message), vocabulary);
  };
  const out: Sample[] = [];
  for (const c of cases) {
    const first = c.turns[0] as string;
    out.push({ x: row(first), y: 0, group: c.id });
    if (c.turns.length > 1) {
      const last = c.turns.at(-1) as string;
      out.push({ x: row(last), y: c.tags.includes('standalone') ? 0 : 1, group: c.id });
    }
  }
  return out;
}

/**
 * Out-of-fold balanced accuracy (mean of both recalls) within this of the best counts as a tie: 0.01, about two of
 * the ~145 dev follow-ups.
 */
const TIE = 0.01;

/**
 * The HIGHEST threshold whose balanced accuracy (on out-of-fold probabilities) ties the best: when unsure, a message
 * stands alone. A false borrow answers from the previous topic (the ranker prefers the previous units); a missed
 * one still answers the message's own words.
 */
function bestThreshold(probabilities: number[], labels: number[]): { threshold: number; balanced: number } {
  const scored: { threshold: number; balanced: number }[] = [];
  for (let t = 0.05; t < 0.96; t += 0.01) {
    const rate = (y: number) => {
      const idx = labels.flatMap((l, i) => (l === y ? [i] : []));
      return idx.filter((i) => ((probabilities[i] as number) >= t ? 1 : 0) === y).length / Math.max(1, idx.length);
    };
    scored.push({ threshold: Number(t.toFixed(2)), balanced: (rate(0) + rate(1)) / 2 });
  }
  const best = Math.max(...scored.map((s) => s.balanced));
  return scored.filter((s) => s.balanced >= best - TIE).at(-1) as { threshold: number; balanced: number };
}

export async function fitFollowUpModel(cases: LoadedCase[], vocabulary: Vocabulary, files: string[]): Promise<string> {
  const samples = samplesOf(cases, vocabulary);
  const labels = samples.map((s) => s.y);
  const folds = groupFolds(
    labels,
    samples.map((s) => s.group),
    FOLDS,
    SEED,
  );
  const oof = outOfFold(
    samples.map((s) => s.x),
    labels,
    folds,
    (xs, ys) =>
      fitRanker(
        xs.map((x, i) => ({ x, y: ys[i] as number })),
        balanced(ys),
      ),
    (m, x) => m.probability(x),
  );
  const { threshold, balanced: score } = bestThreshold(oof, labels);
  const fitted = fitRanker(samples, balanced(labels));
  const contextThreshold = noHistoryThreshold(samples.filter((s) => s.y === 0).map((s) => fitted.probability(s.x)));
  const weights: FollowUpWeights = {
    features: [...ELLIPSIS_FEATURES],
    mean: fitted.mean.map((v) => Number(v.toPrecision(6))),
    std: fitted.std.map((v) => Number(v.toPrecision(6))),
    model: linearModelToJson(fitted.model, ['standalone', 'follow_up']),
    threshold,
    contextThreshold,
    fittedOn: {
      followUps: labels.filter((y) => y === 1).length,
      standalone: labels.filter((y) => y === 0).length,
      files,
    },
  };
  await writeFile(WEIGHTS_FILE, `${JSON.stringify(weights, null, 2)}\n`);
  return `fitted on ${samples.length} messages; threshold ${threshold}, no-history threshold ${contextThreshold}, cross-validated balanced accuracy ${(100 * score).toFixed(1)} %`;
}

/**
 * With no earlier turn, a message the model calls a follow-up gets "what do you refer to?" instead of an answer, so
 * a false positive costs an answerable question: the bar is the lowest at which at most NO_HISTORY_SHARE of the
 * standalone dev questions would be questioned back.
 */
const NO_HISTORY_SHARE = 0.005;
function noHistoryThreshold(standalone: number[]): number {
  const sorted = [...standalone].sort((a, b) => b - a);
  const allowed = Math.floor(sorted.length * NO_HISTORY_SHARE);
  return Number(Math.min(1, (sorted[allowed] ?? 0) + 1e-4).toFixed(4));
}

/** Class weights to equal total weight (single-turn questions outnumber follow-ups about 4 : 1). */
function balanced(ys: number[]): number[] {
  const pos = ys.filter((y) => y === 1).length;
  return [ys.length / (2 * Math.max(1, ys.length - pos)), ys.length / (2 * Math.max(1, pos))];
}
