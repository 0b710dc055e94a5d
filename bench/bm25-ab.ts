/**
 * `npm run bench:bm25`: the three BM25 searches of a turn (units, bank, not-covered) over every dev question, by
 * MiniSearch's own search (what src/retrieval used before) and by the typed-array postings (bm25-postings.ts),
 * interleaved round by round so both see the same machine load; prints each engine's fastest round (the least
 * disturbed on a shared machine) and its median round. A measurement, not a test.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { loadCorpusData } from '../src/corpus/corpus.js';
import { bm25Engines, miniSearchReference } from './bm25-reference.js';
import { fuzzyFor, searchWithExpansions } from '../src/retrieval/lexical.js';
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
  const { reference, postings } = bm25Engines(docs, fields, fuzzy, boost);
  return { mini: reference, postings };
});

const engines = {
  MiniSearch: () => {
    for (const { q, x } of queries) for (const i of indexes) miniSearchReference(i.mini, q, x);
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
