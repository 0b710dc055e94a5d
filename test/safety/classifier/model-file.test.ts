import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USE_DIMS } from '../../../src/safety/classifier/features.js';
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
});
