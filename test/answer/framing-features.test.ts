import { describe, expect, it } from 'vitest';
import { contentShare, keptShare, sectionPlaces } from '../../src/answer/framing-features.js';
import { queryTerms } from '../../src/answer/query-terms.js';
import { trimUnit, type TrimContext } from '../../src/answer/trim.js';
import type { Chunk } from '../../src/corpus/chunk.js';
import { TermStats } from '../../src/retrieval/term-stats.js';

let ordinal = 0;
const unit = (id: string, section: string, texts: string[]): Chunk => {
  const sentences = texts.map((text, index) => ({ text, paragraph: 0, index, ordinal: ordinal++ }));
  return { id, docId: id.split('#')[0] as string, title: 't', section, sentences, text: texts.join(' '), list: false };
};

const ECHO = 'Understanding ketamine side effects is crucial when considering its use.';
const CONCLUSION = unit('a#2', 'Concluding thoughts', [
  ECHO,
  'Treatment can offer rapid relief, but weigh the benefits against the risks of dissociation.',
  'Each person should work closely with their provider.',
]);
const UNITS = [
  unit('a#0', 'What is ketamine?', ['Ketamine is an anesthetic medication used for decades.']),
  unit('a#1', 'Side effects', ['Some patients may experience nausea, dizziness, or increased blood pressure.']),
  CONCLUSION,
  unit('b#0', 'Only section', ['Ketamine infusions are spaced out over several weeks.']),
];
const stats = new TermStats(UNITS);

describe('sectionPlaces (where a unit sits in its article)', () => {
  it('gives the first section 0 and the last 1, and flags only the last', () => {
    const places = sectionPlaces(UNITS);
    expect(places.get('a#0')).toEqual({ position: 0, last: 0 });
    expect(places.get('a#1')).toEqual({ position: 0.5, last: 0 });
    expect(places.get('a#2')).toEqual({ position: 1, last: 1 });
    // A one-section article has no intro or conclusion to tell apart.
    expect(places.get('b#0')).toEqual({ position: 0, last: 0 });
  });
});

describe('contentShare / keptShare', () => {
  it('is lower for a sentence that restates the question than for one that answers it', () => {
    const terms = queryTerms('what are the side effects of ketamine', []);
    const echo = contentShare(terms, 'Ketamine side effects.', stats);
    const answer = contentShare(terms, 'Nausea, dizziness, or increased blood pressure.', stats);
    expect(echo).toBe(0);
    expect(answer).toBe(1);
  });

  it('is the share of the unit the trimmer keeps', () => {
    expect(keptShare(CONCLUSION, CONCLUSION.sentences.slice(0, 1))).toBeCloseTo(1 / 3);
  });
});

describe('trimUnit never returns only a sentence that restates the question', () => {
  it('keeps a content sentence beside the echo the question matches best', () => {
    const terms = queryTerms('what are the side effects of ketamine', []);
    // The echo is the closest sentence by cosine: alone, the mean-score rule would keep only it.
    const textVectors = new Map<string, number[]>([
      [ECHO, [1, 0]],
      [CONCLUSION.sentences[1]?.text as string, [0, 1]],
      [CONCLUSION.sentences[2]?.text as string, [0, 1]],
    ]);
    const ctx: TrimContext = { queryVector: [1, 0], terms, textVectors, stats, sendable: () => true };
    const kept = trimUnit(CONCLUSION, ctx, 4).map((s) => s.text);
    expect(kept[0]).toBe(ECHO);
    expect(kept).toContain(CONCLUSION.sentences[1]?.text);
  });
});
