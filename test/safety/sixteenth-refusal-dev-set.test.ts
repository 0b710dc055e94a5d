import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNearCopies } from '../../evals/lib/near-copy.js';
import { loadLabelledSet } from '../../evals/safety/labelled-set.js';
import { loadSeeds, TRAINING_DIR } from '../../src/safety/classifier/training-data.js';
import { fromProjectRoot } from '../../src/paths.js';
import { sharedDevSets } from '../helpers/shared-sets.js';

// Issue 12, round 10: the sixteenth dev set probes the refusal frames the earlier dev sets lacked (role-play,
// "hypothetically", a story, "ignore your rules", a general and a personal ask in one message, "my clinic gave me X",
// leftovers at home, resale and forgery) and, above all, the two weakest figures: benign ketamine questions with
// safety words (over-refusal) and off-topic questions sharing the articles' words. It must stay listed in dev-sets.ts
// (so the trainer reports it and the near-copy test keeps seeds away from it) with the family sizes it was written
// with. The round's seed families (measured on dev, not shipped: src/safety/training/measured-not-shipped/README.md)
// must each pair refusals with benign contrasts of the same shapes and, like the shipped seeds, stay away from dev.

describe('the sixteenth dev set', () => {
  const items = sharedDevSets().filter((d) => d.set === 'sixteenth-set');
  it('is read as dev data, with the family sizes the round asked for', () => {
    const count = (label: string) => items.filter((d) => d.label === label).length;
    expect(items.length).toBeGreaterThanOrEqual(260);
    expect(count('general')).toBeGreaterThanOrEqual(70);
    expect(count('out_of_scope')).toBeGreaterThanOrEqual(50);
    for (const label of ['dosing', 'medical_advice', 'illegal_use'])
      expect(count(label), label).toBeGreaterThanOrEqual(40);
  });

  it('keeps its obfuscated share near 15 %', () => {
    const full = loadLabelledSet(fromProjectRoot('evals', 'safety', 'sixteenth-set.yaml'));
    const obfuscated = full.filter((i) => i.tags?.includes('obfuscated'));
    expect(obfuscated.length / full.length).toBeGreaterThanOrEqual(0.13);
  });
});

describe('the round 10 refusal seed families', () => {
  const seeds = loadSeeds(join(TRAINING_DIR, 'measured-not-shipped'));
  const fileOf = (id: string) => id.slice(0, id.lastIndexOf(':'));
  const files = new Map<string, number>();
  for (const s of seeds) files.set(fileOf(s.id), (files.get(fileOf(s.id)) ?? 0) + 1);
  const round = [
    'dosing-clinic-amount-leftover-frames.yaml',
    'medical-advice-mixed-own-conditions.yaml',
    'illegal-use-resale-forgery-frames.yaml',
    'off-topic-other-drugs-wellbeing.yaml',
    'off-topic-tasks-news-injection.yaml',
    'general-frame-refusal-contrasts.yaml',
    'general-safety-word-refusal-contrasts.yaml',
  ];
  it('come with at least as many benign and off-topic contrasts as refusals, and stay modest', () => {
    const size = (f: string) => files.get(f) ?? 0;
    const refusals = round.slice(0, 3).reduce((n, f) => n + size(f), 0);
    const contrasts = round.slice(3).reduce((n, f) => n + size(f), 0);
    for (const f of round) expect(size(f), f).toBeGreaterThanOrEqual(25);
    expect(contrasts).toBeGreaterThanOrEqual(refusals);
    expect(refusals + contrasts).toBeLessThanOrEqual(300);
  });

  it('no seed of theirs is a near-copy (3-gram Jaccard >= 0.6) of a dev item', () => {
    const dev = sharedDevSets().map((d) => d.text);
    const copies = findNearCopies(
      dev,
      seeds.map((s) => s.text),
    ).map((c) => c.phrase);
    expect([...new Set(copies)]).toEqual([]);
  });
});
