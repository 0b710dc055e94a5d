import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../../src/safety/policy-file.js';
import { Normalizer } from '../../src/safety/normalize.js';
import { policyVocabulary, TypoFixer } from '../../src/safety/typo-fix.js';

const vocab = (primary: string[], secondary: string[] = [], pairs: string[] = []) =>
  new TypoFixer({ primary: new Set(primary), secondary: new Set(secondary), pairs: new Set(pairs) });

describe('TypoFixer', () => {
  it('fixes swapped letters and single dropped / wrong letters towards the vocabulary', () => {
    const fixer = vocab(['with', 'through', 'selling', 'prescription']);
    expect(fixer.fix('wtih')).toBe('with');
    expect(fixer.fix('thruogh')).toBe('through');
    expect(fixer.fix('seling')).toBe('selling');
    expect(fixer.fix('prescriptoin')).toBe('prescription');
  });

  it('leaves known words, short words, inflections and ambiguous slips alone', () => {
    const fixer = vocab(['form', 'from', 'sell', 'wake', 'weak', 'unalive']);
    expect(fixer.fix('form')).toBe('form');
    expect(fixer.fix('fro')).toBe('fro');
    expect(fixer.fix('sells')).toBe('sells');
    expect(fixer.fix('waek')).toBe('waek');
    expect(fixer.fix('unalivs')).toBe('unalivs');
  });

  it('prefers the policy’s own words, then a neighbour that forms a known pair', () => {
    expect(vocab(['wake'], ['weak']).fix('waek')).toBe('wake');
    const fixer = vocab(['wake', 'weak'], [], ['wake up', 'is weak']);
    expect(fixer.fix('waek', 'never', 'up')).toBe('wake');
    expect(fixer.fix('waek', 'is', '')).toBe('weak');
  });
});

describe('policy vocabulary', () => {
  const { policy } = loadPolicyFile();
  const normalizer = new Normalizer(policy.normalize, policyVocabulary(policy));

  it('comes from rules (with their endings), exemplars and the extra word list', () => {
    const v = policyVocabulary(policy);
    expect(v.primary.has('unaliving')).toBe(true);
    expect(v.primary.has('dealer')).toBe(true);
    expect(v.secondary.has('tomorrow')).toBe(true);
  });

  it('makes a mistyped message read like the original', () => {
    expect(normalizer.normalize('How do I get ketamine thruogh airport secuirty?')).toBe('how do i get ketamine through airport security?');
    expect(normalizer.normalize('so I nveer waek up')).toBe('so i never wake up');
    expect(normalizer.normalize('Can I get ket form a vet?')).toBe('can i get ketamine from a vet?');
  });

  it('does not rewrite ordinary correctly spelled questions', () => {
    for (const q of ['can ketamine form a habit?', 'i feel tired after my session', 'what are the risks of ketamine therapy?']) {
      expect(normalizer.normalize(q)).toBe(q);
    }
  });
});
