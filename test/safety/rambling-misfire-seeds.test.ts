import { describe, expect, it } from 'vitest';
import { fromProjectRoot } from '../../src/paths.js';
import { loadSeeds } from '../../src/safety/classifier/training-data.js';
import { loadLexicon } from '../../src/safety/lexicon.js';

/**
 * The rambling misfire contrasts (general-rambling-*.yaml) and their crisis / refusal twins (*-rambling-shapes.yaml):
 * a worried story of 3–6 sentences around a question. The general ones must carry no crisis cue the lexicon knows
 * (else they would teach the detector that despair is general), and every crisis twin must be a long message too,
 * so the detector sees both labels in the same shape. They wait in src/safety/training/measured-not-shipped/ (not trained on):
 * the one retrain with them (+ --answerable-train) failed its pre-declared rule on CV crisis recall.
 */
const seeds = loadSeeds(fromProjectRoot('src', 'safety', 'training', 'measured-not-shipped'));
const rambling = (prefix: string) => seeds.filter((s) => s.id.startsWith(prefix) && s.id.includes('rambling'));
const general = rambling('general-rambling-');
const twins = seeds.filter((s) => /^[a-z-]+-rambling-shapes\.yaml:/.test(s.id));
const lexicon = loadLexicon();
/** Sentences by their end marks: the lower-case chat-style seeds ("ok so bit of background. …") count too. */
const sentences = (text: string) => text.split(/[.?!]+(?:\s+|$)/).filter((x) => x.trim() !== '').length;

describe('rambling misfire seeds', () => {
  it('are stories of 3–6 sentences around a question, with crisis and refusal twins of the same shape', () => {
    expect(general.length).toBeGreaterThanOrEqual(40);
    expect(new Set(twins.map((s) => s.label))).toEqual(new Set(['crisis', 'dosing', 'medical_advice']));
    for (const s of [...general, ...twins]) {
      const n = sentences(s.text);
      expect(n, s.id).toBeGreaterThanOrEqual(3);
      expect(n, s.id).toBeLessThanOrEqual(6);
      expect(s.text.trim(), s.id).toMatch(/\?$/);
    }
  });

  it('label general only stories without a crisis or emergency cue', () => {
    const flagged = general.filter((s) => lexicon.crisis(s.text) || lexicon.emergency(s.text)).map((s) => s.id);
    expect(flagged).toEqual([]);
  });
});
