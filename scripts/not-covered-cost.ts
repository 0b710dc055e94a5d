/**
 * What the not-covered bank costs a turn, beside the embedding (which it reuses): the exact HNSW search over every
 * stored text now also covers the ~300 not-covered questions, and their BM25 index is searched once. Measured in one
 * process on the dev stack: p50 of the search over the index as loaded against an in-memory HNSW index of the same
 * vectors without the not-covered questions, plus p50 of the not-covered BM25 search and signals. A measurement,
 * not a test.
 *   tsx scripts/not-covered-cost.ts
 */
import hnswlib from 'hnswlib-node';
import { notCoveredSignals } from '../src/retrieval/not-covered-signals.js';
import { BankLexical } from '../src/retrieval/bank-lexical.js';
import { TermStats } from '../src/retrieval/term-stats.js';
import { loadDevStack } from '../evals/retrieval/dev-stack.js';

const stack = await loadDevStack();
const { texts, textVectors, store } = stack.index;
const nc = new Set(stack.data.notCovered);
const kept = texts.filter((t) => !nc.has(t));
const without = new hnswlib.HierarchicalNSW('cosine', stack.index.manifest.model.dimensions);
without.initIndex(kept.length);
for (const [i, t] of kept.entries()) without.addPoint(textVectors.get(t) as number[], i);
const stats = new TermStats(stack.data.chunks);
const lexical = new BankLexical(
  stack.data.notCovered.map((text) => ({ text })),
  (t) => stats.has(t),
);
const ids = Int32Array.from(stack.data.notCovered, (q) => texts.indexOf(q));
const queries = stack.data.bank
  .slice(0, 300)
  .map((q) => ({ text: q.text, vector: textVectors.get(q.text) as number[] }));
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const time = (f: (q: (typeof queries)[number]) => unknown) =>
  p50(
    queries.map((q) => {
      const t = performance.now();
      f(q);
      return performance.now() - t;
    }),
  );
for (let round = 0; round < 2; round++) {
  // Round 0 warms up; round 1 is reported.
  const withNc = time((q) => store.index.searchKnn(q.vector, texts.length));
  const withoutNc = time((q) => without.searchKnn(q.vector, kept.length));
  const sims = new Float64Array(texts.length).fill(0.5);
  const signals = time((q) => notCoveredSignals(sims, ids, lexical.search(q.text, [])));
  if (round === 1)
    console.log(
      `${texts.length} stored texts (${nc.size} not-covered): exact search p50 ${withNc.toFixed(3)} ms, without them ` +
        `${withoutNc.toFixed(3)} ms (+${(withNc - withoutNc).toFixed(3)} ms); not-covered BM25 + signals p50 ${signals.toFixed(3)} ms`,
    );
}
process.exit(0);
