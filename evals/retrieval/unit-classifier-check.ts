/**
 * `tsx evals/retrieval/unit-classifier-check.ts`: how the unit classifier's fit settings were chosen, on the BANK
 * only (training data, never dev): out-of-fold top-1 accuracy and log-loss of the bank questions (5 folds, every
 * unit's questions dealt round-robin), and the fit time, for a few L2 penalties and epoch counts.
 */
import { UnitClassifier } from '../../src/answer/intent-model.js';
import { loadDevStack } from './dev-stack.js';

const stack = await loadDevStack();
const units = stack.data.chunks.map((u) => u.id);
const seen = new Map<string, number>();
const rows = stack.data.bank.map((q) => {
  const n = seen.get(q.unitId) ?? 0;
  seen.set(q.unitId, n + 1);
  return {
    unitId: q.unitId,
    v: stack.index.textVectors.get(q.text) as number[],
    fold: n % 5,
    bank: q.source === 'bank',
  };
});
const settings = [
  { l2: 1e-4, epochs: 8, learningRate: 0.05 },
  { l2: 1e-5, epochs: 8, learningRate: 0.05 },
  { l2: 1e-5, epochs: 4, learningRate: 0.05 },
  { l2: 1e-6, epochs: 8, learningRate: 0.05 },
];
for (const s of settings) {
  const started = performance.now();
  let right = 0;
  let loss = 0;
  let n = 0;
  for (let f = 0; f < 5; f++) {
    const train = rows.filter((r) => r.fold !== f);
    const clf = UnitClassifier.fit(
      train.map((r) => r.v),
      train.map((r) => r.unitId),
      units,
      s,
    );
    for (const r of rows.filter((x) => x.fold === f && x.bank)) {
      const post = clf.posterior(r.v);
      if (post.rank(r.unitId) === 0) right++;
      loss -= Math.log(Math.max(1e-12, post.probability(r.unitId)));
      n++;
    }
  }
  const ms = (performance.now() - started) / 5;
  console.log(
    `l2 ${s.l2}, ${s.epochs} epochs, step ${s.learningRate}: top-1 ${((100 * right) / n).toFixed(1)} %, log-loss ${(loss / n).toFixed(3)}, ${ms.toFixed(0)} ms per fit`,
  );
}
process.exit(0);
