import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../../src/safety/policy-file.js';
import { Normalizer } from '../../src/safety/normalize.js';
import { policyVocabulary } from '../../src/safety/policy-vocabulary.js';

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

  it('spells contractions out with the shared map: "hows" is "how is", not "what is"', () => {
    expect(normalizer.normalize('hows the treatment done')).toBe('how is the treatment done');
    expect(normalizer.normalize('thats not what I asked, wheres the dose?')).toBe('that is not what i asked, where is the dose?');
    expect(normalizer.normalize("I can't and I won’t; it's fine")).toBe('i can not and i will not; it is fine');
  });

  it('does not rewrite ordinary correctly spelled questions', () => {
    for (const q of ['can ketamine form a habit?', 'i feel tired after my session', 'what are the risks of ketamine therapy?']) {
      expect(normalizer.normalize(q)).toBe(q);
    }
  });
});
