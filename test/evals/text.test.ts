import { describe, expect, it } from 'vitest';
import { containsFragment } from '../../evals/lib/text.js';

describe('containsFragment', () => {
  // Long enough to be an article body (the normalised copy is remembered), with the articles' typographic quotes.
  const body = `${'Filler sentence about infusions. '.repeat(80)}It\u2019s \u201Cnot\u201D a cure\u2014yet.`;

  it('matches after normalising quotes, dashes, spaces and case, in a remembered long body as in a short quote', () => {
    expect(containsFragment(body, `it's "NOT" a   cure-yet`)).toBe(true);
    expect(containsFragment(body, `it's "NOT" a   cure-yet`)).toBe(true);
    expect(containsFragment(body, 'a cure for everyone')).toBe(false);
    expect(containsFragment('It\u2019s a short quote.', "it's a short")).toBe(true);
  });

  it('keeps each body apart: a fragment of one body is not found in another of the same length', () => {
    const other = body.replace('cure', 'fix!');
    expect(other.length).toBe(body.length);
    expect(containsFragment(body, 'a cure')).toBe(true);
    expect(containsFragment(other, 'a cure')).toBe(false);
    expect(containsFragment(other, 'a fix!')).toBe(true);
  });
});
