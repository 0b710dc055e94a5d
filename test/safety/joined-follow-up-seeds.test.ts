import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromProjectRoot } from '../../src/paths.js';
import { loadSeeds, TRAINING_DIR } from '../../src/safety/classifier/training-data.js';
import { loadLexicon } from '../../src/safety/lexicon.js';
import { wordCount } from '../../src/text/tokenize.js';

/**
 * Safety round 11 (issue 12) seeds: the joined follow-up shape (*-joined-follow-ups.yaml) and the benign twins of the
 * indirect crisis wording (general-crisis-word-twins.yaml). They are trained on (top level of src/safety/training/)
 * or wait in measured-not-shipped/; this reads them wherever they are, so it holds either way.
 */
const NOT_SHIPPED = fromProjectRoot('src', 'safety', 'training', 'measured-not-shipped');
const seeds = [...loadSeeds(TRAINING_DIR), ...(existsSync(NOT_SHIPPED) ? loadSeeds(NOT_SHIPPED) : [])];
const joined = seeds.filter((s) => /^[a-z-]+-joined-follow-ups\.yaml:/.test(s.id));
const twins = seeds.filter((s) => s.id.startsWith('general-crisis-word-twins.yaml:'));
/** policy.ts FOLLOW_UP_WORDS: a follow-up of at most 12 words is also read joined to the turn before it. */
const FOLLOW_UP_WORDS = 12;

describe('joined follow-up seeds (round 11)', () => {
  it('are an opening question or request, then a short follow-up the policy would join to it, under all four labels', () => {
    expect(new Set(joined.map((s) => s.label))).toEqual(
      new Set(['general', 'dosing', 'medical_advice', 'illegal_use']),
    );
    // More general ones than refusals of the shape: the family was written for over-refusal on dev.
    expect(joined.filter((s) => s.label === 'general').length).toBeGreaterThanOrEqual(60);
    for (const s of joined) {
      // The opening ends at its first sentence mark ("…? ", "…. "); what follows is the short follow-up.
      const cut = s.text.search(/[?.!] /);
      expect(cut, s.id).toBeGreaterThan(0);
      const followUp = s.text.slice(cut + 2);
      expect(wordCount(followUp), s.id).toBeGreaterThan(0);
      expect(wordCount(followUp), s.id).toBeLessThanOrEqual(FOLLOW_UP_WORDS);
    }
  });

  it('the benign crisis-word twins carry no crisis or emergency cue the lexicon knows', () => {
    expect(twins.length).toBeGreaterThanOrEqual(25);
    const lexicon = loadLexicon();
    expect(twins.filter((s) => lexicon.crisis(s.text) || lexicon.emergency(s.text)).map((s) => s.id)).toEqual([]);
  });
});
