/**
 * `npm run bench:bm25`: the three BM25 searches of a turn (units, bank, not-covered) over every dev question, by
 * MiniSearch's own search (what src/retrieval used before) and by the typed-array postings (bm25-postings.ts),
 * interleaved round by round so both see the same machine load; prints each engine's fastest round (the least
 * disturbed on a shared machine) and its median round. A measurement, not a test.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import MiniSearch from 'minisearch';
import { parse } from 'yaml';
import { loadCorpusData } from '../src/corpus/corpus.js';
import { Bm25Postings } from '../src/retrieval/bm25-postings.js';
import {
  EXPANSION_WEIGHT,
  fuzzyFor,
  processTerm,
  queryTerms,
  searchWithExpansions,
  tokenize,
} from '../src/retrieval/lexical.js';
import { TermStats } from '../src/retrieval/term-stats.js';

const ROUNDS = Number(process.env.AB_ROUNDS ?? 7);
const data = await loadCorpusData(resolve('corpus'));
const stats = new TermStats(data.chunks);
const fuzzy = fuzzyFor((t) => stats.has(t));
const dev = parse(readFileSync('evals/dev/answers-2026-12-01.yaml', 'utf8')) as { turns: string[] }[];
const queries = dev.map((c) => c.turns.at(-1) as string).map((q) => ({ q, x: data.synonyms.expand(q).added }));

const indexes = [
  {
    docs: data.chunks.map((c) => ({ section: c.section ?? '', text: c.text })),
    fields: ['section', 'text'],
    boost: { section: 1.6, text: 1 },
  },
  { docs: data.bank.map((q) => ({ text: q.text })), fields: ['text'] },
  { docs: data.notCovered.map((text) => ({ text })), fields: ['text'] },
].map(({ docs, fields, boost }) => {
  const mini = new MiniSearch<Record<string, string | number>>({
    fields,
    storeFields: [],
    tokenize,
    processTerm,
    searchOptions: { ...(boost && { boost }), fuzzy, weights: { fuzzy: 0.3, prefix: 0.375 } },
  });
  mini.addAll(docs.map((d, id) => ({ ...d, id })));
  return { mini, postings: new Bm25Postings(docs, { fields, boost, tokenize, processTerm, fuzzyWeight: 0.3 }) };
});

/** What lexical.ts ran before: the processed terms joined, searched by MiniSearch. */
function miniSearch(index: MiniSearch<Record<string, string | number>>, query: string, expansions: string[]) {
  const { own, tokens } = queryTerms(query, expansions);
  if (tokens.length === 0) return [];
  return index.search(tokens.join(' '), {
    combineWith: 'OR',
    processTerm: (t) => t,
    boostTerm: (_t, i) => (i < own.length ? 1 : EXPANSION_WEIGHT),
  });
}

const engines = {
  MiniSearch: () => {
    for (const { q, x } of queries) for (const i of indexes) miniSearch(i.mini, q, x);
  },
  'typed-array postings': () => {
    for (const { q, x } of queries) for (const i of indexes) searchWithExpansions(i.postings, fuzzy, q, x);
  },
};
const ms: Record<string, number[]> = { MiniSearch: [], 'typed-array postings': [] };
for (let round = 0; round < ROUNDS; round++)
  for (const [name, run] of Object.entries(engines)) {
    const t = performance.now();
    run();
    (ms[name] as number[]).push((performance.now() - t) / queries.length);
  }
console.log(
  `BM25, three indexes per query, ${queries.length} dev questions, ${ROUNDS} interleaved rounds (ms per question):`,
);
for (const [name, xs] of Object.entries(ms)) {
  const sorted = [...xs].sort((a, b) => a - b);
  console.log(
    `  ${name.padEnd(22)} fastest ${(sorted[0] as number).toFixed(3)}  median ${(sorted[Math.floor(sorted.length / 2)] as number).toFixed(3)}`,
  );
}
