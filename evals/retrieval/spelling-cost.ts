/**
 * `npm run answer:spelling-cost`: what query spelling normalisation costs per turn (target < 0.2 ms) and at index
 * load. The dev questions as written and mutated ({@link realisticTypos}, seed 1) are corrected by a fresh
 * {@link QuerySpelling} (its memo empty, so every typo is looked up once), after a warm-up of the JIT on another
 * instance with other mutations (seed 2). Five rounds, each on a fresh instance; the best round is reported (the
 * machine is shared: a slower round measures the neighbours, not this code). A measurement, not a test.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { getConfig } from '../../src/config/env.js';
import { loadCorpusData } from '../../src/corpus/corpus.js';
import { seededRandom } from '../../src/learn/random.js';
import { QuerySpelling } from '../../src/retrieval/query-spelling.js';
import { realisticTypos } from '../lib/mutate.js';

const config = getConfig();
const data = await loadCorpusData(config.CORPUS_DIR, undefined, undefined, config.INDEX_DIR);
const files = ['evals/dev/answers-2026-12-01.yaml', 'evals/dev/answers-2026-12-01-styles.yaml'];
const clean: string[] = [];
for (const f of files)
  for (const c of parse(await readFile(f, 'utf8')) as { turns: string[] }[]) clean.push(c.turns.at(-1) as string);
const mutate = (seed: number) => {
  const rng = seededRandom(seed);
  return clean.map((q) => realisticTypos(q, rng));
};

let t = performance.now();
const warm = QuerySpelling.fromCorpus(data);
const buildMs = performance.now() - t;
for (const q of [...clean, ...mutate(2)]) warm.correct(q);

const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] as number;
for (const [name, queries] of [
  ['as written', clean],
  ['mutated', mutate(1)],
] as const) {
  let best: { mean: number; ms: number[] } | undefined;
  for (let round = 0; round < 5; round++) {
    const spelling = QuerySpelling.fromCorpus(data);
    const ms = queries.map((q) => {
      t = performance.now();
      spelling.correct(q);
      return performance.now() - t;
    });
    const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
    if (!best || mean < best.mean) best = { mean, ms };
  }
  const { mean, ms } = best as { mean: number; ms: number[] };
  console.log(
    `${queries.length} ${name}: mean ${mean.toFixed(4)} ms, p50 ${p(ms, 0.5).toFixed(4)} ms, p99 ${p(ms, 0.99).toFixed(4)} ms per query (best of 5 rounds)`,
  );
}
console.log(`built at load in ${buildMs.toFixed(0)} ms`);
process.exit(0);
