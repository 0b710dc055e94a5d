import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerabilityNames } from '../../src/answer/answerability.js';
import { FEATURE_NAMES, RANKER_FEATURE_NAMES } from '../../src/answer/features.js';
import { INTENT_FEATURE_NAMES } from '../../src/answer/intent-features.js';
import { UnitClassifier } from '../../src/answer/intent-model.js';
import { packIntent } from '../../src/answer/intent-weights.js';
import {
  hashDevFiles,
  loadRanker,
  RANKER_WEIGHTS_FILE,
  RankerWeightsError,
  type RankerWeights,
} from '../../src/answer/ranker.js';

const committed = async (): Promise<RankerWeights> =>
  JSON.parse(await readFile(RANKER_WEIGHTS_FILE, 'utf8')) as RankerWeights;

async function writeWeights(weights: unknown): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'kfb-ranker-')), 'weights.json');
  await writeFile(file, JSON.stringify(weights));
  return file;
}

describe('answer ranker weights (src/answer/ranker-weights.json)', () => {
  it('the committed weights are fresh: fitted on today’s dev files and feature list', async () => {
    const ranker = await loadRanker();
    expect(ranker.weights.devHash).toBe(await hashDevFiles());
    expect(ranker.weights.features).toEqual([...FEATURE_NAMES]);
    expect(ranker.weights.noAnswerThreshold).toBeGreaterThan(0);
    // Round 8 measured the unit classifier's features and did not ship them: the committed ranker reads none.
    expect(ranker.intent).toBeUndefined();
    expect(ranker.extraFeatures(new Array(512).fill(0.044))('any#1')).toEqual([]);
  });

  it('a weights file fitted on another dev set is an error telling the developer to run npm run answer:train', async () => {
    const file = await writeWeights({ ...(await committed()), devHash: 'f'.repeat(64) });
    const load = loadRanker({ file });
    await expect(load).rejects.toBeInstanceOf(RankerWeightsError);
    await expect(loadRanker({ file })).rejects.toThrow(/stale: the dev set changed.*npm run answer:train/);
  });

  it('is an error when fitted on other features, invalid, or missing', async () => {
    const w = await committed();
    await expect(loadRanker({ file: await writeWeights({ ...w, features: ['only_one'] }) })).rejects.toThrow(
      /other features/,
    );
    await expect(loadRanker({ file: await writeWeights({ ...w, std: [], mean: 3 }) })).rejects.toThrow(
      /invalid \(mean\)/,
    );
    await expect(loadRanker({ file: '/nonexistent/weights.json' })).rejects.toThrow(
      /missing or not JSON.*npm run answer:train/,
    );
  });

  it('loads a ranker that reads the unit classifier with it, and names the command when the classifier is stale or missing', async () => {
    const w = await committed();
    const pad = (xs: number[], v: number) => [...xs, ...INTENT_FEATURE_NAMES.map(() => v)];
    const withIntent = {
      ...w,
      features: [...RANKER_FEATURE_NAMES],
      mean: pad(w.mean, 0),
      std: pad(w.std, 1),
      // Only intent_p weighs in the order: the classifier's favourite unit must come out on top.
      order: [...w.order.map(() => 0), 5, 0, 0, 0, 0, 0],
      model: { ...w.model, dims: RANKER_FEATURE_NAMES.length, weights: w.model.weights.map((row) => pad(row, 0)) },
      answerability: {
        ...w.answerability,
        features: answerabilityNames(RANKER_FEATURE_NAMES),
        mean: [...w.answerability.mean, 0, 0, 0],
        std: [...w.answerability.std, 1, 1, 1],
        model: {
          ...w.answerability.model,
          dims: w.answerability.model.dims + 3,
          weights: w.answerability.model.weights.map((r) => [...r, 0, 0, 0]),
        },
      },
    };
    const file = await writeWeights(withIntent);
    const units = ['a#1', 'b#2'];
    const clf = UnitClassifier.fit(
      [
        [1, 0],
        [0.9, 0.1],
        [0, 1],
        [0.1, 0.9],
      ],
      ['a#1', 'a#1', 'b#2', 'b#2'],
      units,
      {
        epochs: 200,
        batch: 4,
      },
    );
    const intentFile = await writeWeights(packIntent(clf.toJson('e'.repeat(64)), 'e'.repeat(64), {}));
    const ranker = await loadRanker({ file, intent: { file: intentFile, dataHash: 'e'.repeat(64) } });
    expect(ranker.intent).toBeDefined();
    const extra = ranker.extraFeatures([0, 1]);
    const base = new Array<number>(w.features.length).fill(0);
    expect(ranker.score([...base, ...extra('b#2')])).toBeGreaterThan(ranker.score([...base, ...extra('a#1')]));
    await expect(loadRanker({ file, intent: { file: intentFile, dataHash: 'f'.repeat(64) } })).rejects.toThrow(
      /Unit classifier weights .* are stale.*npm run answer:train/,
    );
    await expect(loadRanker({ file, intent: { file: '/nonexistent/intent.json' } })).rejects.toThrow(
      /Unit classifier weights .* missing or not JSON.*npm run answer:train/,
    );
  });

  it('scores with the stored standardisation: probabilities in (0, 1), higher for a stronger candidate', async () => {
    const ranker = await loadRanker();
    // Weak: the average candidate of the dev set; strong: the same with its match signals two deviations higher.
    const { mean, std } = ranker.weights;
    const match = new Set(['bank_max', 'bm25_bank', 'bm25_unit', 'rr_bank_dense', 'rr_sentence', 'coverage']);
    const weak = FEATURE_NAMES.map((_, i) => mean[i] as number);
    const strong = FEATURE_NAMES.map((f, i) => (mean[i] as number) + (match.has(f) ? 2 * (std[i] as number) : 0));
    const pw = ranker.probability(weak);
    const ps = ranker.probability(strong);
    expect(pw).toBeGreaterThan(0);
    expect(ps).toBeLessThan(1);
    expect(ps).toBeGreaterThan(pw);
  });
  it("adds the boosted trees' margin to the listwise score, and rejects trees over features it does not have", async () => {
    const w = await committed();
    const dims = FEATURE_NAMES.length;
    // One stump on feature 0 (bank_max): +5 above 0.5, −5 at or below.
    const stump = {
      feature: [0, -1, -1],
      threshold: [0.5, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [0, -5, 5],
    };
    const { trees: _none, treesOnly: _no, ...linear } = w;
    const plain = await loadRanker({ file: await writeWeights(linear) });
    const boosted = await loadRanker({ file: await writeWeights({ ...linear, trees: { dims, trees: [stump] } }) });
    const low = FEATURE_NAMES.map(() => 0.2);
    const high = FEATURE_NAMES.map((_, i) => (i === 0 ? 0.9 : 0.2));
    expect(boosted.score(low) - plain.score(low)).toBeCloseTo(-5, 9);
    expect(boosted.score(high) - plain.score(high)).toBeCloseTo(5, 9);
    // Trees only: the score is the trees' margin alone.
    const only = await loadRanker({
      file: await writeWeights({ ...linear, trees: { dims, trees: [stump] }, treesOnly: true }),
    });
    expect(only.score(high)).toBe(5);
    const wide = { ...stump, feature: [dims, -1, -1] };
    await expect(
      loadRanker({ file: await writeWeights({ ...linear, trees: { dims, trees: [wide] } }) }),
    ).rejects.toThrow(/other features/);
    await expect(
      loadRanker({
        file: await writeWeights({ ...linear, trees: { dims, trees: [{ ...stump, left: [0, -1, -1] }] } }),
      }),
    ).rejects.toThrow(/invalid \(trees/);
  });
});
