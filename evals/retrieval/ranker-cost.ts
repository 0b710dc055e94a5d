/**
 * `tsx evals/retrieval/ranker-cost.ts`: the committed ranker's cost per turn (score + probability of every candidate,
 * then the answerability model; with the unit classifier, its posterior and features first), over the cached dev
 * queries' candidates (train-features.ts; run answer:train first). Also the classifier's posterior alone.
 */
import { readFile } from 'node:fs/promises';
import { loadRanker } from '../../src/answer/ranker.js';
import type { TrainItem } from './train-features.js';

const ranker = await loadRanker();
const { items } = JSON.parse(await readFile('.build/rank-features.json', 'utf8')) as { items: TrainItem[] };
const dev = items.filter((x) => x.q.source === 'dev');
const turn = (x: TrainItem) => {
  const extra = ranker.extraFeatures(x.vector);
  return ranker.answerability(
    x.candidates
      .map((c) => {
        const features = [...c.features, ...extra(c.unitId)];
        return { ...c, features, probability: ranker.probability(features), score: ranker.score(features) };
      })
      .sort((a, b) => b.score - a.score),
  );
};
for (const x of dev) turn(x); // warm-up
// CPU time as well as wall time: on a shared, loaded machine the wall clock mostly measures waiting for a core.
const cpu = process.cpuUsage();
const started = performance.now();
const REPEAT = 5;
for (let k = 0; k < REPEAT; k++) for (const x of dev) turn(x);
const perTurn = (performance.now() - started) / (REPEAT * dev.length);
const used = process.cpuUsage(cpu);
const cpuPerTurn = (used.user + used.system) / 1000 / (REPEAT * dev.length);
const mean = dev.reduce((s, x) => s + x.candidates.length, 0) / dev.length;
console.log(
  `${ranker.weights.trees?.trees.length ?? 0} trees; ${mean.toFixed(1)} candidates per turn; ${(perTurn * 1000).toFixed(1)} µs per turn (wall), ${(cpuPerTurn * 1000).toFixed(1)} µs CPU`,
);
if (ranker.intent) {
  const clf = ranker.intent;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let k = 0; k < REPEAT; k++) for (const x of dev) clf.posterior(x.vector);
  const n = REPEAT * dev.length;
  const u = process.cpuUsage(c0);
  console.log(
    `unit classifier posterior alone: ${(((performance.now() - t0) / n) * 1000).toFixed(1)} µs per turn (wall), ${(((u.user + u.system) / 1000 / n) * 1000).toFixed(1)} µs CPU`,
  );
}
process.exit(0);
