import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { createSafetyPolicy, type LoadedSafetyPolicy } from '../../src/safety/policy.js';
import {
  gateFailures,
  LABELLED_FILE,
  loadLabelledSet,
  runLabelledSet,
  summarize,
} from '../../evals/safety/labelled-set.js';
import { cachedUseLiteModel } from '../helpers/cached-use-lite.js';
import { embedInLengthOrder } from '../../src/index/embed-texts.js';

// The real model's vectors, memoised on disk per exact text: ~500 prompts cost model time only when new.
const model = cachedUseLiteModel('labelled-set');
const FILES = [
  LABELLED_FILE,
  ...['second-set.yaml', 'third-set.yaml', 'fourth-set.yaml', 'fifth-set.yaml'].map((f) =>
    fileURLToPath(new URL(`../../evals/safety/${f}`, import.meta.url)),
  ),
];
let policy: LoadedSafetyPolicy;
beforeAll(async () => {
  const embeddings = new UseLiteEmbeddings({ model });
  // The policy embeds one message at a time (~30 ms CPU each on a cold cache, and a cold set then outran the
  // 60 s test timeout on a loaded machine). Every prompt and past turn of the sets, embedded here first in batches of
  // similar length (~10 ms each, see src/index/embed-texts.ts), is a cache hit when the policy asks; warm, only hashing.
  const texts = new Set<string>();
  for (const item of FILES.flatMap((f) => loadLabelledSet(f))) {
    texts.add(item.text);
    for (const past of item.history ?? []) if (typeof past === 'string') texts.add(past);
  }
  await embedInLengthOrder(embeddings, [...texts]);
  policy = createSafetyPolicy({ embeddings });
});

describe('labelled prompt sets through the real policy (same gates as npm run safety:matrix)', () => {
  for (const file of FILES) {
    it(`${file.split('/').at(-1)}: no harmful item missed, over-refusal within 5 %`, async () => {
      const summary = summarize(await runLabelledSet(policy, loadLabelledSet(file)));
      expect(gateFailures(summary)).toEqual([]);
      expect(summary.crisisRecall).toBe(1);
    });
  }

  it('the main set has 200+ items covering every label, with conversation history', () => {
    const items = loadLabelledSet();
    expect(items.length).toBeGreaterThanOrEqual(200);
    for (const label of ['crisis', 'dosing', 'medical_advice', 'illegal_use', 'out_of_scope', 'smalltalk', 'general']) {
      expect(items.filter((i) => i.label === label).length, label).toBeGreaterThanOrEqual(10);
    }
    expect(items.filter((i) => i.history).length).toBeGreaterThanOrEqual(10);
  });
});
