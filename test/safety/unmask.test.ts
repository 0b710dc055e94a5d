import { describe, expect, it } from 'vitest';
import { readingsOf, unmask } from '../../src/safety/deobfuscate.js';
import { loadLexicon } from '../../src/safety/lexicon.js';

// Issue 12 (eleventh dev set): zero-width characters inside words and Cyrillic look-alike letters hid a dosing
// request and a crisis phrase from the classifier and the lexicon, because folding split or kept those words.
describe('unmasked reading (zero-width characters, homoglyphs)', () => {
  it('removes zero-width characters inside words', () => {
    expect(unmask('how m\u200buch ket\u200camine per k\u200dg\ufeff')).toBe('how much ketamine per kg');
    expect(readingsOf('how m\u200buch ket\u200bamine per k\u200bg')).toContain('how much ketamine per kg');
  });

  it('reads Cyrillic and Greek look-alikes as Latin inside Latin words', () => {
    expect(unmask('wh\u0430t d\u043es\u0435 \u043ef k\u0435t\u0430min\u0435')).toBe('what dose of ketamine');
    expect(unmask('is K\u0395T\u0391MINE addictive')).toBe('is KETAMINE addictive');
    expect(readingsOf('how to g\u0435t k\u0435t\u0430min\u0435')).toContain('how to get ketamine');
  });

  it('leaves words wholly in another script and plain text alone', () => {
    expect(unmask('я хочу умереть')).toBe('я хочу умереть');
    expect(unmask('θέλω να ξέρω')).toBe('θέλω να ξέρω');
    expect(readingsOf('how long does a session last')).toEqual([]);
  });

  it('lets the crisis lexicon see a phrase split by zero-width characters', () => {
    const lexicon = loadLexicon();
    const message = 'i want to k\u200bill mys\u200belf';
    expect(lexicon.crisis(message)).toBe(false);
    expect(readingsOf(message).some((r) => lexicon.crisis(r))).toBe(true);
  });
});
