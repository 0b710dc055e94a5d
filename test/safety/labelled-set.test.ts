import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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
  for (const file of [LABELLED_FILE, ...['second-set.yaml', 'third-set.yaml', 'fourth-set.yaml', 'fifth-set.yaml'].map((f) => fileURLToPath(new URL(`../../evals/safety/${f}`, import.meta.url)))]) {
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

  it('no exemplar is a copy or near-copy of a held-out prompt (labelled sets, QA eval cases)', () => {
    const words = (t: string) => new Set(t.toLowerCase().replace(/'/g, '').match(/[a-z0-9]+/g) ?? []);
    const overlap = (a: Set<string>, b: Set<string>) => [...a].filter((w) => b.has(w)).length / new Set([...a, ...b]).size;
    const safetyDir = fileURLToPath(new URL('../../evals/safety/', import.meta.url));
    const casesDir = fileURLToPath(new URL('../../evals/cases/', import.meta.url));
    const heldOut = [
      ...['labelled.yaml', 'second-set.yaml', 'third-set.yaml', 'fourth-set.yaml', 'fifth-set.yaml'].flatMap((f) => loadLabelledSet(safetyDir + f).map((i) => i.text)),
      ...readdirSync(casesDir)
        .filter((f) => f.endsWith('.yaml'))
        .flatMap((f) => (parse(readFileSync(casesDir + f, 'utf8')) as { turns: string[] }[]).flatMap((c) => c.turns)),
    ].map(words);
    // 0.7 of shared words: "is it addictive though?" vs "can it become addictive" is fine, a reworded copy is not.
    const copies = loadPolicyFile()
      .policy.exemplars.filter((e) => heldOut.some((h) => overlap(words(e.text), h) >= 0.7))
      .map((e) => e.id);
    expect(copies).toEqual([]);
  });
});
