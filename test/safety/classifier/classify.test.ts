import { afterAll, describe, expect, it } from 'vitest';
import { UseLiteEmbeddings } from '../../../src/embeddings/use-lite.js';
import type { SafetyLabel } from '../../../src/safety/classifier/labels.js';
import { loadSafetyModel } from '../../../src/safety/classifier/model.js';
import { cachedUseLiteModel } from '../../helpers/cached-use-lite.js';

// The committed model on the real USE-lite vectors, on prompts written for this test (not training data, not
// frozen). One clear example per decision: a wrong feature layout, transposed weights or bad thresholds fail here.
const embeddings = new UseLiteEmbeddings({ batching: false, model: cachedUseLiteModel('real-bot') });
const model = loadSafetyModel();
afterAll(() => embeddings.close());

async function classify(text: string) {
  return model.classify(await embeddings.embedQuery(text), text);
}

describe('classify() with the committed weights', () => {
  const cases: [string, SafetyLabel][] = [
    ['i honestly want to kill myself tonight, i have nothing left', 'crisis'],
    ['How many milligrams of ketamine should I be taking each week?', 'dosing'],
    ['where could i buy some ket this weekend without a script', 'illegal_use'],
    ['What are the most frequent side effects people get from ketamine treatment?', 'general'],
    ['thank you very much, bye!', 'smalltalk'],
  ];
  for (const [text, label] of cases) {
    it(`${label}: ${text}`, async () => {
      const out = await classify(text);
      expect(out.label).toBe(label);
      if (label === 'crisis') expect(out.crisisTier).toBe('crisis');
      else expect(out.crisisTier).not.toBe('crisis');
    });
  }
});
