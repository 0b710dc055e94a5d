import { describe, expect, it } from 'vitest';
import { TypoFixer } from '../../src/text/typos.js';

const vocab = (primary: string[], secondary: string[] = [], pairs: string[] = []) =>
  new TypoFixer({
    important: [],
    vocabulary: { primary: new Set(primary), secondary: new Set(secondary), pairs: new Set(pairs) },
  });

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

describe('TypoFixer important words', () => {
  const fixer = new TypoFixer({ important: ['ketamine', 'suicide', 'recreational', 'session'] });

  it('corrects an important word one edit away (two from nine letters), same first letter', () => {
    expect(fixer.fix('ketamin')).toBe('ketamine');
    expect(fixer.fix('suicde')).toBe('suicide');
    expect(fixer.fix('recreatinl')).toBe('recreational');
  });

  it('leaves inflections, short words and other words alone, and needs no vocabulary', () => {
    expect(fixer.fix('recreationally')).toBe('recreationally');
    expect(fixer.fix('sessions')).toBe('sessions');
    expect(fixer.fix('ket')).toBe('ket');
    expect(fixer.fix('wtih')).toBe('wtih');
    expect(fixer.fix('50mg')).toBe('50mg');
  });
});

describe('TypoFixer loose mode (retrieval query spelling)', () => {
  const words = ['ketamine', 'infusion', 'infusions', 'effects', 'side', 'treatment', 'spravato', 'esketamine'];
  // Spravato is rare here (as in the articles, which name it through the synonyms only).
  const frequency = new Map(words.map((w) => [w, w === 'spravato' ? 1 : 20]));
  const fixer = new TypoFixer({
    important: [],
    vocabulary: { primary: new Set(words), secondary: new Set(), pairs: new Set() },
    loose: { frequency, alsoKnown: new Set(['spray', 'sides', 'dose', 'deal']) },
  });

  it('corrects towards the vocabulary: swaps, dropped letters, endings, two edits towards frequent long words', () => {
    expect(fixer.fix('infusoin')).toBe('infusion');
    expect(fixer.fix('spravado')).toBe('spravato');
    expect(fixer.fix('esketamin')).toBe('esketamine');
    expect(fixer.fix('efects')).toBe('effects');
    expect(fixer.fix('ketameen')).toBe('ketamine');
    expect(fixer.fix('sied')).toBe('side');
  });

  it('leaves known words, the model’s own words, their inflections, short words and numbers alone', () => {
    expect(fixer.fix('spray')).toBe('spray');
    expect(fixer.fix('dose')).toBe('dose');
    expect(fixer.fix('deals')).toBe('deals');
    expect(fixer.fix('ket')).toBe('ket');
    expect(fixer.fix('sids')).toBe('sids');
    expect(fixer.fix('50mg')).toBe('50mg');
    // Two edits only towards frequent words: "spravitto" is two from "spravato", which occurs too rarely here.
    expect(fixer.fix('spravitto')).toBe('spravitto');
  });

  it('leaves the strict (safety) behaviour unchanged without loose options', () => {
    const strict = new TypoFixer({
      important: [],
      vocabulary: { primary: new Set(words), secondary: new Set(), pairs: new Set() },
    });
    expect(strict.fix('esketamin')).toBe('esketamin');
    expect(strict.fix('ketamin')).toBe('ketamin');
    expect(strict.fix('infusoin')).toBe('infusion');
  });
});
