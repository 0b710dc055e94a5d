import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/safety/lexicon.js';

// Issue 12 (seventeenth dev set round): fixed English phrases the classifier cannot learn from a few seeds, appended
// to the lexicon's English lines: the "catch the bus" abbreviation, a bystander's "he's blue" / "she's gone blue",
// "fitting on the floor" (a seizure) and "swallowed the whole / the lot". Prompts written for this test, not taken
// from the dev, eval, frozen or training sets; each fails without the phrase appended this round.
const lexicon = loadLexicon();

describe('lexicon: English slang and bystander fragments (seventeenth set round)', () => {
  it.each(['thinking about ctb after the holidays', 'CTB plans are made'])('crisis: %s', (text) => {
    expect(lexicon.crisis(text)).toBe(true);
  });

  it.each([
    "he's blue and I can't tell if he's breathing",
    'shes blue!! what do i do',
    "my son's gone blue around the mouth, he's gone blue",
    'she has been fitting on the floor for two minutes',
    'he swallowed the whole strip an hour ago',
    'i think she swallowed the lot',
  ])('emergency: %s', (text) => {
    expect(lexicon.emergency(text)).toBe(true);
  });

  // The same words in ordinary questions: no phrase is a bare word, so these stay out of the lexicon's reach.
  it.each([
    'can i catch the bus home after my infusion',
    'is ketamine used alongside cbt',
    "she's feeling blue lately, could ketamine help her depression",
    'do you swallow the whole tablet or let it dissolve',
    'what should i wear to my appointment, is anything fitting fine',
  ])('neither crisis nor emergency: %s', (text) => {
    expect(lexicon.crisis(text)).toBe(false);
    expect(lexicon.emergency(text)).toBe(false);
  });
});
