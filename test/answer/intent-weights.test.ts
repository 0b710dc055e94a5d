import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { intentFeatures, INTENT_FEATURE_NAMES } from '../../src/answer/intent-features.js';
import { UnitClassifier } from '../../src/answer/intent-model.js';
import {
  hashIntentData,
  IntentWeightsError,
  loadIntent,
  packIntent,
  unpackIntent,
} from '../../src/answer/intent-weights.js';

const norm = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
/** Three units along three axes of a 3-d space (a tiny separable problem). */
const units = ['a#1', 'b#2', 'c#3'];
const xs = [
  norm([1, 0.1, 0]),
  norm([1, 0, 0.1]),
  norm([0.1, 1, 0]),
  norm([0, 1, 0.1]),
  norm([0, 0.1, 1]),
  norm([0.1, 0, 1]),
];
const ys = ['a#1', 'a#1', 'b#2', 'b#2', 'c#3', 'c#3'];
const fitted = () => UnitClassifier.fit(xs, ys, units, { epochs: 200, batch: 6, learningRate: 0.05 });
const hash = 'e'.repeat(64);

async function writeFileJson(value: unknown): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'kfb-intent-')), 'intent.json');
  await writeFile(file, JSON.stringify(value));
  return file;
}

describe('unit classifier weights (src/answer/intent-weights.json)', () => {
  it('classifies every training vector of a separable problem right, before and after int16 packing', () => {
    const clf = fitted();
    const packed = unpackIntent(packIntent(clf.toJson(hash), hash, {}));
    xs.forEach((x, i) => {
      expect(clf.posterior(x).rank(ys[i] as string)).toBe(0);
      expect(packed.posterior(x).rank(ys[i] as string)).toBe(0);
      for (const u of units)
        expect(Math.abs(packed.posterior(x).probability(u) - clf.posterior(x).probability(u))).toBeLessThan(1e-3);
    });
  });

  it('loads a valid file whose hash matches, and names the command to refit when the corpus changed', async () => {
    const file = await writeFileJson(packIntent(fitted().toJson(hash), hash, { l2: 1e-5 }));
    const clf = await loadIntent({ file, dataHash: hash });
    expect(clf.posterior(norm([0, 1, 0])).rank('b#2')).toBe(0);
    await expect(loadIntent({ file, dataHash: 'f'.repeat(64) })).rejects.toBeInstanceOf(IntentWeightsError);
    await expect(loadIntent({ file, dataHash: 'f'.repeat(64) })).rejects.toThrow(
      /stale: the articles or the question bank changed.*npm run answer:train/,
    );
  });

  it('rejects a file with the wrong number of weights, a missing field, or no file', async () => {
    const good = packIntent(fitted().toJson(hash), hash, {});
    const short = { ...good, weights: Buffer.from(new Int16Array(4).buffer).toString('base64') };
    await expect(loadIntent({ file: await writeFileJson(short), dataHash: hash })).rejects.toThrow(
      /invalid \(units × dims int16 weights\)/,
    );
    const { bias: _bias, ...noBias } = good;
    await expect(loadIntent({ file: await writeFileJson(noBias), dataHash: hash })).rejects.toThrow(/invalid/);
    await expect(loadIntent({ file: '/nonexistent/intent.json' })).rejects.toThrow(/missing or not JSON/);
  });

  it('hashes the articles and the question bank (64 hex digits, the same twice)', async () => {
    const h = await hashIntentData();
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashIntentData()).toBe(h);
  });

  it('gives one row of features per candidate in INTENT_FEATURE_NAMES order, neutral without a posterior', () => {
    const post = fitted().posterior(norm([1, 0.05, 0]));
    const top = intentFeatures(post, 'a#1');
    const other = intentFeatures(post, 'c#3');
    expect(top).toHaveLength(INTENT_FEATURE_NAMES.length);
    expect(top[2]).toBe(1); // rank 0
    expect(top[3]).toBe(0); // no gap to the best
    expect(other[0] as number).toBeLessThan(top[0] as number);
    expect(other[3] as number).toBeLessThan(0);
    expect(intentFeatures(undefined, 'a#1')[0]).toBe(0);
  });
});
