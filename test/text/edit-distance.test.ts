import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/text/edit-distance.js';

/** The textbook optimal-string-alignment table, for comparison with the row-reusing implementation. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  return (d[a.length] as number[])[b.length] as number;
}

describe('editDistance', () => {
  it('gives the optimal-string-alignment distance, transpositions counting one', () => {
    expect(editDistance('ketamine', 'ketamnie')).toBe(1);
    expect(editDistance('infusoin', 'infusion')).toBe(1);
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', '')).toBe(0);
  });

  it('matches the full table on many word pairs, short and long, one after another (its rows are reused)', () => {
    const words = ['ketamine', 'ketamin', 'esketamine', 'spravato', 'spravado', 'side', 'efects', 'a', ''];
    const long = 'psychedelic-assisted psychotherapy for treatment-resistant depression';
    for (const a of [...words, long])
      for (const b of [...words, long]) expect(editDistance(a, b)).toBe(reference(a, b));
  });

  it('gives up once a whole row exceeds max, returning a value above max', () => {
    expect(editDistance('ketamine', 'xylophone', 1)).toBeGreaterThan(1);
    expect(editDistance('ketamine', 'ketamnie', 1)).toBe(1);
    // Nothing to compare against: the first row's minimum is unbounded, so it gives up at once (as before).
    expect(editDistance('abc', '', 2)).toBe(Number.POSITIVE_INFINITY);
  });
});
