import { describe, expect, it } from 'vitest';
import { CONTRACTION_SPELLINGS, expandContractions } from '../../src/text/contractions.js';

describe('expandContractions', () => {
  it('spells out contractions typed without an apostrophe, each to its own words', () => {
    expect(expandContractions('hows the treatment done')).toBe('how is the treatment done');
    expect(expandContractions('whats ketamine and why doesnt it work')).toBe(
      'what is ketamine and why does not it work',
    );
    expect(expandContractions('Whats the dose, wheres it given, thats all')).toBe(
      'what is the dose, where is it given, that is all',
    );
  });

  it('leaves apostrophe forms to the tokenizer unless asked', () => {
    expect(expandContractions("what's it like? don't")).toBe("what's it like? don't");
    expect(expandContractions("What’s it like? Don't, I can't", { withApostrophe: true })).toBe(
      'what is it like? do not, I can not',
    );
    expect(expandContractions('i cannot', { withApostrophe: true })).toBe('i can not');
  });

  it('never touches words that are a contraction only with the apostrophe', () => {
    const text = 'were we well, its ill id hes';
    expect(expandContractions(text, { withApostrophe: true })).toBe(text);
    expect(expandContractions("we're well, it's ill", { withApostrophe: true })).toBe('we are well, it is ill');
  });

  it('reads a longer contraction whole ("doesn\'t" is not "does" + "n\'t") and leaves other words as typed', () => {
    expect(expandContractions("Doesn't Ketamine", { withApostrophe: true })).toBe('does not Ketamine');
    expect(expandContractions('what is important')).toBe('what is important');
    expect(expandContractions('dontcha hows-it')).toBe('dontcha how is-it');
  });

  it('lists every spelling it recognises (the safety policy corrects typos towards them)', () => {
    expect(CONTRACTION_SPELLINGS).toEqual(expect.arrayContaining(["don't", 'dont', 'hows', "we're"]));
    expect(CONTRACTION_SPELLINGS).not.toContain('were');
  });
});
