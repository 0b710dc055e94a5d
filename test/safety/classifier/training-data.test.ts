import { describe, expect, it } from 'vitest';
import { findNearCopies } from '../../../evals/lib/near-copy.js';
import { SAFETY_LABELS } from '../../../src/safety/classifier/labels.js';
import { variantsOf } from '../../../evals/safety/train/variants.js';
import { sharedDevSets, sharedSeeds } from '../../helpers/shared-sets.js';

const seeds = sharedSeeds();

describe('safety training data', () => {
  it('has seeds for every label and at least 2,000 prompts with 4 variants per seed (issue 12)', () => {
    for (const label of SAFETY_LABELS)
      expect(seeds.filter((s) => s.label === label).length, label).toBeGreaterThanOrEqual(30);
    const total = seeds.reduce((n, s) => n + 1 + variantsOf(s.text, s.label, 4, 2026).length, 0);
    expect(total).toBeGreaterThanOrEqual(2000);
  });

  it('variants are deterministic, distinct from the seed, and keep greetings free of personas and pressure', () => {
    const a = variantsOf('how much ketamine should I take', 'dosing', 4, 1);
    expect(a).toEqual(variantsOf('how much ketamine should I take', 'dosing', 4, 1));
    expect(a).toHaveLength(4);
    expect(a).not.toContain('how much ketamine should I take');
    const greeting = variantsOf('hello there', 'smalltalk', 20, 1).join(' ');
    expect(greeting).not.toMatch(/nurse|pharmacist|hypothetically|ignore your/i);
  });

  it('no seed is a near-copy of a dev item, so the dev figures measure generalisation', () => {
    const dev = sharedDevSets();
    expect(dev.length).toBeGreaterThan(400);
    // Gram sets built once per string (findNearCopies), not once per pair: 1,300 seeds × 950 dev items.
    const copies = [
      ...new Set(
        findNearCopies(
          dev.map((d) => d.text),
          seeds.map((s) => s.text),
        ).map((c) => c.text),
      ),
    ];
    expect(copies).toEqual([]);
  });
});
