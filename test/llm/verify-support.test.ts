import { describe, expect, it } from 'vitest';
import { verifySentence } from '../../src/answer/generative/verify-sentence.js';
import { SUPPORT_MIN, supportScore } from '../../src/answer/generative/verify-support.js';
import type { Chunk } from '../../src/corpus/chunk.js';
import { SUPPORT_EXAMPLES, UNITS } from './fixtures/support-examples.js';

const unit = (text: string) =>
  ({ id: 'doc#0', docId: 'doc', title: 'T', text, sentences: [], list: false }) as unknown as Chunk;

describe('support threshold (measured on hand-written examples)', () => {
  const scored = SUPPORT_EXAMPLES.map((e) => ({ ...e, score: supportScore(e.sentence, UNITS[e.unit]) }));
  const lexical = scored.filter((e) => !e.caughtByFacts);
  const faithful = lexical.filter((e) => e.faithful).map((e) => e.score);
  const wrong = lexical.filter((e) => !e.faithful).map((e) => e.score);

  it('separates faithful paraphrases from sentences citing the wrong unit', () => {
    // The figures quoted in verify-support.ts come from this line.
    console.info(
      `support scores: faithful ${Math.min(...faithful).toFixed(2)}–${Math.max(...faithful).toFixed(2)}, ` +
        `wrong source ${Math.min(...wrong).toFixed(2)}–${Math.max(...wrong).toFixed(2)}, threshold ${SUPPORT_MIN}`,
    );
    for (const e of lexical)
      expect({ sentence: e.sentence, supported: e.score >= SUPPORT_MIN }).toEqual({
        sentence: e.sentence,
        supported: e.faithful,
      });
  });

  it('the wrong-source sentences the lexical test misses are dropped by the claim-word check', () => {
    const missed = scored.filter((e) => e.caughtByFacts);
    expect(missed.length).toBeGreaterThan(0);
    for (const e of missed) {
      expect(e.score).toBeGreaterThanOrEqual(SUPPORT_MIN);
      const verdict = verifySentence({ text: e.sentence, cites: [1] }, [{ n: 1, unit: unit(UNITS[e.unit]) }]);
      expect(verdict).toMatchObject({ ok: false, reason: 'new_fact' });
    }
  });

  it('a sentence with no content words is not supported by anything', () => {
    expect(supportScore('It is what it is.', UNITS.glutamate)).toBe(0);
  });
});
