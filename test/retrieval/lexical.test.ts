import { describe, expect, it } from 'vitest';
import { LangChainBm25Retriever, MiniSearchRetriever } from '../../src/retrieval/lexical.js';
import type { Chunk } from '../../src/corpus/chunk.js';

const chunk = (id: string, text: string, section?: string): Chunk => ({
  id,
  docId: id.split('#')[0] as string,
  title: 'T',
  section,
  sentences: [{ text, paragraph: 0, index: 0, ordinal: 0 }],
  text,
  list: false,
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
