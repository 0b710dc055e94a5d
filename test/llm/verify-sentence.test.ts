import { describe, expect, it } from 'vitest';
import { parseSentence, SentenceStream } from '../../src/answer/generative/model-sentences.js';
import type { Source } from '../../src/answer/generative/prompt.js';
import { verifySentence } from '../../src/answer/generative/verify-sentence.js';
import type { Chunk } from '../../src/corpus/chunk.js';
import { UNITS } from './fixtures/support-examples.js';

const sources: Source[] = [UNITS.glutamate, UNITS.depression].map((text, i) => ({
  n: i + 1,
  unit: { id: `doc#${i}`, docId: 'doc', title: 'T', text, sentences: [], list: false } as unknown as Chunk,
}));
const verdict = (raw: string) => verifySentence(parseSentence(raw), sources);

describe('verifySentence', () => {
  it('keeps a supported sentence and only the sources that support it', () => {
    expect(verdict('Ketamine raises glutamate levels in the brain [1][2].')).toEqual({ ok: true, cites: [1] });
    expect(verdict('Ketamine raises glutamate levels in the brain [2, 1].')).toEqual({ ok: true, cites: [1] });
  });

  it.each([
    ['Ketamine raises glutamate levels in the brain.', 'uncited'],
    ['Ketamine raises glutamate levels in the brain [7].', 'unknown_source'],
    ['Ketamine raises glutamate levels in the brain [2].', 'unsupported'],
    ['Ketamine raises glutamate levels in the brain within 24 hours [1].', 'new_fact'],
    ['A 0.5 mg/kg dose of ketamine raises glutamate levels in the brain [1].', 'new_fact'],
    ['Ketamine is a proven cure for major depressive disorder [1].', 'new_fact'],
    ['The article says ketamine "works by increasing levels of dopamine in the brain" [1].', 'invented_quote'],
  ])('drops %j (%s)', (raw, reason) => {
    expect(verdict(raw)).toMatchObject({ ok: false, reason });
  });

  it('accepts a verbatim quotation and numbers, doses or claims the unit itself states', () => {
    expect(verdict('The article says ketamine "works by increasing levels of a neurotransmitter" [1].').ok).toBe(true);
    expect(verdict('Ketamine is effective in the treatment of major depressive disorder [1].').ok).toBe(true);
  });
});

describe('SentenceStream', () => {
  it('releases a sentence only once the next has begun, markers split across pieces included', () => {
    const stream = new SentenceStream();
    const out: string[] = [];
    for (const piece of ['Ketamine raises glu', 'tamate. [', '1] It ', 'may help', ' with anxiety [1].'])
      out.push(...stream.push(piece));
    expect(out).toEqual(['Ketamine raises glutamate. [1]']);
    expect(stream.end()).toEqual(['It may help with anxiety [1].']);
  });
});
