import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpusData, type CorpusData } from '../../src/corpus/corpus.js';
import { bm25Engines, miniSearchReference } from '../../bench/bm25-reference.js';
import { fuzzyFor, searchWithExpansions } from '../../src/retrieval/lexical.js';
import { TermStats } from '../../src/retrieval/term-stats.js';

/** Two middle letters of every 6+-letter word swapped: words the corpus lacks, so fuzzy matching runs. */
const typo = (q: string) => q.replace(/\b([a-z]{2})([a-z])([a-z])([a-z]{2,})/gi, '$1$3$2$4');

let data: CorpusData;
let queries: { query: string; expansions: string[] }[];
let fuzzy: (term: string) => number | false;
beforeAll(async () => {
  data = await loadCorpusData(resolve('corpus'));
  const stats = new TermStats(data.chunks);
  fuzzy = fuzzyFor((t) => stats.has(t));
  const dev = parse(readFileSync('evals/dev/answers-2026-12-01.yaml', 'utf8')) as { turns: string[] }[];
  const texts = dev.map((c) => c.turns.at(-1) as string);
  const extra = [
    'ketamine ketamine side effects',
    'what what is is it',
    '',
    'spravato nasal spray nasal',
    "don't it's",
  ];
  queries = [...texts, ...texts.map(typo), ...extra].map((query) => ({
    query,
    expansions: data.synonyms.expand(query).added,
  }));
});

const engines = (docs: Record<string, string>[], fields: string[], boost?: Record<string, number>) =>
  bm25Engines(docs, fields, fuzzy, boost);

describe('Bm25Postings against MiniSearch (same scores bit for bit, same order, ties included)', () => {
  it.each([
    [
      'units (heading boosted)',
      () => data.chunks.map((c) => ({ section: c.section ?? '', text: c.text })),
      ['section', 'text'],
      { section: 1.6, text: 1 },
    ],
    ['bank questions', () => data.bank.map((q) => ({ text: q.text })), ['text'], undefined],
    ['not-covered questions', () => data.notCovered.map((text) => ({ text })), ['text'], undefined],
  ] as const)("%s: every dev turn, typo'd and plain, with its synonym expansions", (_name, docs, fields, boost) => {
    const { reference, postings } = engines(docs(), [...fields], boost);
    let compared = 0;
    for (const { query, expansions } of queries) {
      const expected = miniSearchReference(reference, query, expansions);
      const actual = searchWithExpansions(postings, fuzzy, query, expansions).map((h) => [h.doc, h.score]);
      expect(actual, query).toEqual(expected);
      compared += expected.length;
    }
    // Not a vacuous comparison: thousands of hits were compared.
    expect(compared).toBeGreaterThan(1000);
  });

  it('a repeated term adds score but not quality, as MiniSearch counts distinct query terms', () => {
    const docs = [{ text: 'ketamine infusion' }, { text: 'ketamine nasal spray' }, { text: 'infusion clinic' }];
    const { reference, postings } = engines(docs, ['text']);
    // Twice over: the second pass reads the fuzzy matches from the postings' cache.
    for (const query of [1, 2].flatMap(() => [
      'ketamine ketamine infusion',
      'infusion ketamine infusion spray',
      'clinc infusoin',
    ]))
      expect(searchWithExpansions(postings, fuzzy, query, []).map((h) => [h.doc, h.score])).toEqual(
        miniSearchReference(reference, query, []),
      );
  });
});
