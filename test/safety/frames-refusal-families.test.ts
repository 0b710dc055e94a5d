import { describe, expect, it } from 'vitest';
import { sharedDevSets } from '../helpers/shared-sets.js';

// Issue 12 round 8: the twelfth dev set probes refusal wordings the earlier dev sets had little of (role-play and
// fiction frames, dose arithmetic and tapering, vets, carers, forging, synthesis, drug tests, smuggling). It must
// stay listed in dev-sets.ts (so the trainer reports it and the near-copy test keeps seeds away from it) and keep
// the family sizes it was written with.

describe('the twelfth dev set', () => {
  const items = sharedDevSets().filter((d) => d.set === 'twelfth-set');
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
