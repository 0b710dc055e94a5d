import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { featureDims, USE_DIMS } from '../../../src/safety/classifier/features.js';
import { SAFETY_LABELS } from '../../../src/safety/classifier/labels.js';
import { loadSafetyModel } from '../../../src/safety/classifier/model.js';
import { BUNDLED_WEIGHTS_FILE, SafetyModelError } from '../../../src/safety/classifier/model-file.js';

const dir = mkdtempSync(join(tmpdir(), 'safety-weights-'));
const committed = JSON.parse(readFileSync(BUNDLED_WEIGHTS_FILE, 'utf8')) as Record<string, unknown>;
const write = (name: string, content: string) => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};

function loadError(file: string, trainingHash?: string): SafetyModelError {
  try {
    loadSafetyModel(file, trainingHash ? { trainingHash } : {});
  } catch (error) {
    if (error instanceof SafetyModelError) return error;
    throw error;
  }
  throw new Error('expected loadSafetyModel to throw');
}

describe('loadSafetyModel', () => {
  it('loads the committed weights: they were trained on the committed training data (else run npm run safety:train)', () => {
    const model = loadSafetyModel();
    const out = model.classify(new Array(USE_DIMS).fill(0), '');
    expect(Object.keys(out.probabilities)).toEqual([...SAFETY_LABELS]);
    expect(['crisis', 'possible', 'none']).toContain(out.crisisTier);
    expect(model.thresholds.possibleCrisis).toBeLessThanOrEqual(model.thresholds.crisis);
  });

  it('a missing file is an error that says to run npm run safety:train', () => {
    const error = loadError(join(dir, 'nope.json'));
    expect(error.code).toBe('safety_model_missing');
    expect(error.message).toContain('npm run safety:train');
  });

  it('stale weights (training data changed) are an error that says to run npm run safety:train', () => {
    const error = loadError(BUNDLED_WEIGHTS_FILE, 'f'.repeat(64));
    expect(error.code).toBe('safety_model_stale');
    expect(error.message).toContain('npm run safety:train');
  });

  it('weights from another embedding model are stale', () => {
    const file = write('other-model.json', JSON.stringify({ ...committed, embeddingModel: 'some other model' }));
    expect(loadError(file).code).toBe('safety_model_stale');
  });

  it('invalid JSON or a wrong shape is a corrupt-file error, not a crash', () => {
    expect(loadError(write('bad.json', '{ not json')).code).toBe('safety_model_corrupt');
    expect(loadError(write('shape.json', JSON.stringify({ ...committed, thresholds: { crisis: 2 } }))).code).toBe(
      'safety_model_corrupt',
    );
  });

  describe('MLP models and per-category thresholds', () => {
    const dims = featureDims({ ngrams: true });
    // A hand-built network: hidden unit 0 copies USE dimension 0, which drives one output (dosing; crisis: other).
    const mlp = (labels: string[], target: number, hidden = 2) => {
      const w1 = new Array(USE_DIMS * hidden).fill(0);
      w1[0] = 1;
      const w2 = new Array(hidden * labels.length).fill(0);
      w2[target] = 10; // unit 0 → the target label
      return {
        kind: 'mlp',
        labels,
        dims,
        deepDims: USE_DIMS,
        hidden,
        w1,
        b1: [0, 0],
        w2,
        b2: labels.map(() => 0),
        wide: [],
      };
    };
    const mlpWeights = {
      ...committed,
      category: mlp([...SAFETY_LABELS], SAFETY_LABELS.indexOf('dosing')),
      crisis: mlp(['other', 'crisis'], 0),
      thresholds: { decision: 0.99, crisis: 0.99, possibleCrisis: 0.9, perCategory: { dosing: 0.5 } },
    };
    const trainingHash = committed.trainingHash as string;

    it('a weights file with MLP models loads, and its per-category threshold decides instead of the global one', () => {
      const model = loadSafetyModel(write('mlp.json', JSON.stringify(mlpWeights)), { trainingHash });
      const vector = new Array(USE_DIMS).fill(0);
      vector[0] = 1;
      const out = model.classify(vector, 'how much should I take');
      expect(out.probabilities.dosing).toBeGreaterThan(0.9);
      // Global decision 0.99 would abstain to general; dosing's own 0.5 keeps it.
      expect(out.label).toBe('dosing');
      expect(model.classify(new Array(USE_DIMS).fill(0), '').label).toBe('general');
    });

    it('an MLP whose matrices do not match their sizes is a corrupt file', () => {
      const bad = { ...mlpWeights, category: { ...mlpWeights.category, w1: [1] } };
      expect(loadError(write('bad-mlp.json', JSON.stringify(bad)), trainingHash).code).toBe('safety_model_corrupt');
    });
  });
});
