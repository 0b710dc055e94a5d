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
