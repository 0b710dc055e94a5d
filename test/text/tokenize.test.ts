import { describe, expect, it } from 'vitest';
import { foldQuotes, wordCount, words } from '../../src/text/tokenize.js';

describe('words', () => {
  it('lowercases, folds typographic apostrophes, drops possessives, keeps hyphenated words', () => {
    expect(words('Ketamine’s half-life, IV & “drip”!')).toEqual(['ketamine', 'half-life', 'iv', 'drip']);
  });

  it('keeps contractions and numbers whole, whatever apostrophe was typed', () => {
    expect(words('Don’t take 24-hour doses, don`t')).toEqual(["don't", 'take', '24-hour', 'doses', "don't"]);
  });

  it('returns nothing for text without letters or digits', () => {
    expect(words(' -- ?! ')).toEqual([]);
  });
});

describe('wordCount', () => {
  it('counts words, each part of a hyphenated word on its own', () => {
    expect(wordCount('what about the k-hole?')).toBe(5);
    expect(wordCount("what's the long-term risk")).toBe(5);
    expect(wordCount('')).toBe(0);
  });
});

describe('foldQuotes', () => {
  it('folds typographic quotes and apostrophes to ASCII and changes nothing else', () => {
    expect(foldQuotes('It’s “fine” ‘here’ — Ketamine')).toBe("It's \"fine\" 'here' — Ketamine");
  });
});
