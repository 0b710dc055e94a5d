import { describe, expect, it } from 'vitest';
import { readingsOf, repairWords, unmask } from '../../src/safety/deobfuscate.js';
import { loadLexicon } from '../../src/safety/lexicon.js';

// Issue 12 (thirteenth dev set round): obfuscations the readings did not undo, so neither the crisis lexicon nor
// the detector saw the words: letters split by underscores ("_" is a word character, so the old \b never matched
// inside "k_i_l_l"), a three-letter word spelled out ("d i e"), a masked letter ("k*ll"), leet with no leading
// letter or with one letter only ("$u1c1d3", "d13", "m3"), capital I typed for l ("kiII"), a word split in two
// ("sui cide", "su.ic.ide"), styled Unicode letters (bold, fullwidth, circled) and strike-through marks.
const vocabulary = new Set(['i', 'want', 'to', 'die', 'kill', 'myself', 'me', 'suicide', 'how', 'long', 'session']);
const lexicon = loadLexicon();

describe('crisis readings of obfuscated messages', () => {
  it.each([
    ['k_i_l_l m_y_s_e_l_f', 'kill myself'],
    ['i want to d i e', 'i want to die'],
    ['i want to k*ll myself', 'i want to kill myself'],
    ['$u1c1d3', 'suicide'],
    ['i want to d13', 'i want to die'],
    ['k1ll m3', 'kill me'],
    ['i want to kiII myself', 'i want to kill myself'],
    ['thinking about sui cide', 'thinking about suicide'],
    ['su.ic.ide', 'suicide'],
    ['i want to \u{1d41d}\u{1d422}\u{1d41e}', 'i want to die'],
    ['i want to \uff44\uff49\uff45', 'i want to die'],
    ['i want to d\u0336i\u0336e\u0336', 'i want to die'],
  ])('%s reads as "%s"', (message, reading) => {
    expect(readingsOf(message, vocabulary)).toContain(reading);
  });

  it('lets the crisis lexicon see phrases it missed in the obfuscated text', () => {
    for (const message of ['k_i_l_l m_y_s_e_l_f', 'i want to k*ll myself', '$u1c1d3', 'i want to kiII myself']) {
      expect(lexicon.crisis(message), message).toBe(false);
      expect(
        readingsOf(message, vocabulary).some((r) => lexicon.crisis(r)),
        message,
      ).toBe(true);
    }
  });

  it('changes only unknown words into known ones, and leaves ordinary text alone', () => {
    expect(repairWords('is 50mg a lot for McIntosh', vocabulary)).toBe('is 50mg a lot for McIntosh');
    // A mask that fits several known words stays a mask: no guess.
    expect(repairWords('d*e', new Set(['die', 'due']))).toBe('d*e');
    expect(readingsOf('how long does a session last', vocabulary)).toEqual([]);
    expect(readingsOf('part a and b of the form', vocabulary)).toEqual([]);
    expect(unmask('é ü ñ stay accented')).toBe('é ü ñ stay accented');
  });
});
