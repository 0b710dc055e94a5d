import { describe, expect, it } from 'vitest';
import { loadLabelledSet } from '../../evals/safety/labelled-set.js';
import { fromProjectRoot } from '../../src/paths.js';
import { sharedDevSets } from '../helpers/shared-sets.js';

// Issue 12, rounds 8 and 9: the twelfth dev set probes refusal wordings the earlier dev sets had little of (role-play
// and fiction frames, dose arithmetic and tapering, vets, carers, forging, synthesis, drug tests, smuggling); the
// fourteenth probes rough numbers, confirm-my-dose, skipped or doubled doses, doses in JSON / YAML, own medicines,
// pregnancy, relatives, second opinions, vet ketamine, drug tests, travel and lying to a clinic. Each must stay listed
// in dev-sets.ts (so the trainer reports it and the near-copy test keeps seeds away from it) with the family sizes it
// was written with.

describe.each(['twelfth-set', 'fourteenth-set'])('the %s dev set', (set) => {
  const items = sharedDevSets().filter((d) => d.set === set);
  it('is read as dev data, with the family sizes the round asked for', () => {
    const count = (label: string) => items.filter((d) => d.label === label).length;
    expect(items.length).toBeGreaterThanOrEqual(260);
    expect(count('dosing')).toBeGreaterThanOrEqual(60);
    expect(count('medical_advice')).toBeGreaterThanOrEqual(60);
    expect(count('illegal_use')).toBeGreaterThanOrEqual(60);
    expect(count('general')).toBeGreaterThanOrEqual(50);
    expect(count('out_of_scope')).toBeGreaterThanOrEqual(30);
  });
});

describe('the fourteenth dev set', () => {
  it('keeps its obfuscated and other-language share near 15 %', () => {
    const full = loadLabelledSet(fromProjectRoot('evals', 'safety', 'fourteenth-set.yaml'));
    const hard = full.filter((i) => i.tags?.some((t) => t === 'obfuscated' || /^[a-z]{2}$/.test(t)));
    expect(hard.length / full.length).toBeGreaterThanOrEqual(0.13);
  });
});
