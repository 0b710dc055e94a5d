import { describe, expect, it } from 'vitest';
import { contentTerms, stem, words, expandContractions } from '../../src/retrieval/text.js';
import { LangChainBm25Retriever, MiniSearchRetriever } from '../../src/retrieval/lexical.js';
import type { Chunk } from '../../src/corpus/chunk.js';

describe('text helpers', () => {
  it('words lowercases, folds typographic apostrophes, drops possessives, keeps hyphenated words', () => {
    expect(words('Ketamine’s half-life, IV & “drip”!')).toEqual(['ketamine', 'half-life', 'iv', 'drip']);
  });

  it('stem meets plural and inflected forms', () => {
    expect(stem('infusions')).toBe(stem('infusion'));
    expect(stem('approved')).toBe(stem('approve'));
    expect(stem('therapies')).toBe(stem('therapy'));
    expect(stem('dizziness')).toBe('dizziness');
  });

  it('contentTerms drops stopwords', () => {
    expect(contentTerms('What are the side effects of it?')).toEqual([stem('side'), stem('effects')]);
  });
});

const chunk = (id: string, text: string, section?: string): Chunk => ({
  id,
  docId: id.split('#')[0] as string,
  title: 'T',
  section,
  sentences: [{ text, paragraph: 0, index: 0 }],
  text,
});

const CHUNKS = [
  chunk('a#0', 'Some people may experience hallucinations during the infusion.'),
  chunk('a#1', 'Most people need several infusions over a few weeks.', 'How long does therapy last?'),
  chunk('b#0', 'It is not recommended for people who are pregnant.'),
];

describe.each([
  ['MiniSearch', new MiniSearchRetriever(CHUNKS)],
  ['LangChain BM25', new LangChainBm25Retriever(CHUNKS)],
])('%s lexical retriever', (_name, retriever) => {
  it('ranks the chunk sharing the question terms first', async () => {
    expect((await retriever.search('hallucinations', [], 3))[0]?.chunkId).toBe('a#0');
    expect((await retriever.search('how many infusions over weeks', [], 3))[0]?.chunkId).toBe('a#1');
  });

  it('uses expansions to reach article wording the question lacks', async () => {
    expect(await retriever.search('expecting a baby', [], 3)).toEqual([]);
    expect((await retriever.search('expecting a baby', ['pregnant'], 3))[0]?.chunkId).toBe('b#0');
  });

  it('returns nothing for a question made only of stopwords', async () => {
    expect(await retriever.search('what is it about', [], 3)).toEqual([]);
  });
});

describe('MiniSearch specifics', () => {
  it('tolerates a typo in a long word', async () => {
    const r = new MiniSearchRetriever(CHUNKS);
    expect((await r.search('halucinations', [], 3))[0]?.chunkId).toBe('a#0');
  });

  it('searches the section heading too', async () => {
    const r = new MiniSearchRetriever(CHUNKS);
    expect((await r.search('therapy last', [], 3))[0]?.chunkId).toBe('a#1');
  });
});

describe('expandContractions', () => {
  it('spells out contractions typed without an apostrophe and leaves other words alone', () => {
    expect(expandContractions('whats ketamine and why doesnt it work')).toBe('what is ketamine and why does not it work');
    expect(expandContractions('Whats the dose')).toBe('what is the dose');
    expect(expandContractions('what is important')).toBe('what is important');
  });
});
