/**
 * `tsx evals/retrieval/intent-cost.ts`: the unit classifier's cost per turn (one posterior: 99 × 512 multiply-adds,
 * softmax, ranks, entropy, then the six features of ~26 candidates), on a classifier of the corpus's size with seeded
 * random weights (the cost does not depend on the values), CPU and wall time.
 */
import { intentFeatures } from '../../src/answer/intent-features.js';
import { UnitClassifier } from '../../src/answer/intent-model.js';
import { seededRandom } from '../../src/learn/random.js';

const UNITS = 99;
const DIMS = 512;
const CANDIDATES = 26;
const random = seededRandom(3);
const units = Array.from({ length: UNITS }, (_, i) => `u#${i}`);
const clf = UnitClassifier.fromJson({
  bankHash: '0'.repeat(64),
  units,
  dims: DIMS,
  weights: units.map(() => Array.from({ length: DIMS }, () => random() - 0.5)),
  bias: units.map(() => 0),
});
const vectors = Array.from({ length: 500 }, () => Array.from({ length: DIMS }, () => (random() - 0.5) / 11));
const turn = (v: number[]) => {
  const post = clf.posterior(v);
  for (let c = 0; c < CANDIDATES; c++) intentFeatures(post, units[c] as string);
};
for (const v of vectors) turn(v); // warm-up
const REPEAT = 10;
const cpu = process.cpuUsage();
const started = performance.now();
for (let k = 0; k < REPEAT; k++) for (const v of vectors) turn(v);
const n = REPEAT * vectors.length;
const used = process.cpuUsage(cpu);
console.log(
  `unit classifier per turn: ${(((performance.now() - started) / n) * 1000).toFixed(1)} µs wall, ${(((used.user + used.system) / 1000 / n) * 1000).toFixed(1)} µs CPU`,
);
process.exit(0);
