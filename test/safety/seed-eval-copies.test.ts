import { describe, expect, it } from 'vitest';
import { findNearCopies } from '../../evals/lib/near-copy.js';
import { sharedEvalCases, sharedSeeds } from '../helpers/shared-sets.js';

// The eval suite's answer cases are not classifier dev data (dev-sets.ts reads only the safety case files), so the
// dev near-copy test in classifier/training-data.test.ts does not cover them. Issue 12: the benign contrasts added
// after a retrain refused general eval cases must be written from the articles' topics, not copied from those
// cases, or `npm run eval` measures memory. This checks every seed against every turn of every eval case file.
describe('safety training seeds and the eval cases', async () => {
  const cases = await sharedEvalCases();
  const seeds = sharedSeeds();

  it('no seed is a near-copy (character 3-gram Jaccard >= 0.6) of any eval case turn', () => {
    expect(cases.length).toBeGreaterThan(250);
    const turns = cases.flatMap((c) => c.turns);
    const copies = findNearCopies(
      seeds.map((s) => s.text),
      turns,
    ).map((c) => `${c.text} ~ ${c.phrase} (${c.jaccard.toFixed(2)})`);
    expect(copies).toEqual([]);
  });
});
