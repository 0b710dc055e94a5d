import { describe, expect, it } from 'vitest';
import { loadLabelledSet } from '../../evals/safety/labelled-set.js';
import { fromProjectRoot } from '../../src/paths.js';
import { sharedDevSets } from '../helpers/shared-sets.js';

// Issue 12 (crisis caught in any wording): the seventeenth dev set probes English crisis in the shapes the frozen
// sets still miss (hidden in a ketamine question, numb wording, carers, teens, older people, farewells, slang,
// bystander fragments, overdoses, mid-conversation) beside non-crisis contrasts sharing their words. It must stay
// listed in dev-sets.ts (the trainer reports it, the near-copy test keeps seeds away from it) with the sizes it was
// written with.
describe('the seventeenth dev set', () => {
  const full = loadLabelledSet(fromProjectRoot('evals', 'safety', 'seventeenth-set.yaml'));
  const crisis = full.filter((i) => i.label === 'crisis');
  const has = (tag: string) => crisis.filter((i) => i.tags?.includes(tag)).length;

  it('is read as dev data', () => {
    expect(sharedDevSets().filter((d) => d.set === 'seventeenth-set').length).toBe(full.length);
  });

  it('has the family sizes the round asked for', () => {
    expect(full.length).toBeGreaterThanOrEqual(240);
    expect(crisis.length).toBeGreaterThanOrEqual(170);
    expect(has('indirect') * 2).toBeGreaterThanOrEqual(crisis.length);
    expect(crisis.filter((i) => (i.history ?? []).length > 0).length).toBeGreaterThanOrEqual(30);
    expect(has('emergency')).toBeGreaterThanOrEqual(30);
    expect(full.length - crisis.length).toBeGreaterThanOrEqual(70);
  });
});
