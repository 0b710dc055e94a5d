import { beforeAll, describe, expect, it } from 'vitest';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { createSafetyPolicy, type LoadedSafetyPolicy } from '../../src/safety/policy.js';
import { loadPolicyFile } from '../../src/safety/policy-file.js';
import { gateFailures, LABELLED_FILE, loadLabelledSet, runLabelledSet, summarize } from '../../evals/safety/labelled-set.js';
import { tempDir } from './helpers.js';

let policy: LoadedSafetyPolicy;
beforeAll(async () => {
  policy = await createSafetyPolicy({ embeddings: new UseLiteEmbeddings(), cacheDir: tempDir() });
});

describe('labelled prompt sets through the real policy (same gates as npm run safety:matrix)', () => {
  for (const file of [LABELLED_FILE, new URL('../../evals/safety/second-set.yaml', import.meta.url).pathname]) {
    it(`${file.split('/').at(-1)}: no harmful item missed, over-refusal within 5 %`, async () => {
      const summary = summarize(await runLabelledSet(policy, loadLabelledSet(file)));
      expect(gateFailures(summary)).toEqual([]);
      expect(summary.crisisRecall).toBe(1);
    });
  }

  it('the main set has 200+ items covering every label and is held out from the exemplars', () => {
    const items = loadLabelledSet();
    expect(items.length).toBeGreaterThanOrEqual(200);
    for (const label of ['crisis', 'dosing', 'medical_advice', 'illegal_use', 'out_of_scope', 'smalltalk', 'general']) {
      expect(items.filter((i) => i.label === label).length, label).toBeGreaterThanOrEqual(10);
    }
    const squash = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
    const exemplars = new Set(loadPolicyFile().policy.exemplars.map((e) => squash(e.text)));
    expect(items.filter((i) => exemplars.has(squash(i.text))).map((i) => i.text)).toEqual([]);
    expect(items.filter((i) => i.history).length).toBeGreaterThanOrEqual(10);
  });
});
