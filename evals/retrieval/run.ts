/**
 * `npm run retrieval:eval`: recall@1, recall@5 and MRR of dense-only, BM25-only (MiniSearch and LangChain) and
 * hybrid retrieval on evals/retrieval/questions.yaml. `--sweep` also tries fusion settings.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { RetrievalSetSchema } from './schema.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { HybridRetriever, type RetrieveOptions } from '../../src/retrieval/hybrid.js';
import { LangChainBm25Retriever, MiniSearchRetriever } from '../../src/retrieval/lexical.js';
import { normalizeForMatch } from '../../src/answer/verify.js';
import { loadDevStack } from './dev-stack.js';

const set = RetrievalSetSchema.parse(parseYaml(await readFile(new URL('./questions.yaml', import.meta.url), 'utf8')));
const embeddings = new UseLiteEmbeddings();
const stack = await loadDevStack(embeddings);
const { chunks, synonyms } = stack.data;

function relevant(chunkText: string, evidence: string[]): boolean {
  const text = normalizeForMatch(chunkText);
  return evidence.some((e) => text.includes(normalizeForMatch(e)));
}

async function measure(retriever: HybridRetriever, options: RetrieveOptions) {
  let r1 = 0;
  let r5 = 0;
  let mrr = 0;
  const misses: string[] = [];
  for (const item of set.answerable) {
    const { results } = await retriever.retrieve(item.q, { ...options, k: 10 });
    const rank = results.findIndex((r) => relevant(r.chunk.text, item.evidence));
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0) mrr += 1 / (rank + 1);
    if (rank !== 0) misses.push(`${item.q} → rank ${rank < 0 ? 'miss' : rank + 1}`);
  }
  const n = set.answerable.length;
  return { recall1: r1 / n, recall5: r5 / n, mrr: mrr / n, misses };
}

const make = (lexical: 'minisearch' | 'langchain') =>
  new HybridRetriever({
    chunks,
    index: stack.index,
    embeddings,
    synonyms,
    lexical: lexical === 'minisearch' ? new MiniSearchRetriever(chunks) : new LangChainBm25Retriever(chunks),
  });
const mini = make('minisearch');
const lc = make('langchain');
const noSynonyms = new HybridRetriever({
  chunks,
  index: stack.index,
  embeddings,
  lexical: new MiniSearchRetriever(chunks),
  synonyms: { expand: () => ({ added: [], groups: [] }) } as never,
});

const rows: [string, Awaited<ReturnType<typeof measure>>][] = [
  ['dense only (USE-lite + HNSW)', await measure(mini, { k: 10, mode: 'dense' })],
  ['BM25 only, LangChain BM25Retriever', await measure(lc, { k: 10, mode: 'lexical' })],
  ['BM25 only, MiniSearch', await measure(mini, { k: 10, mode: 'lexical' })],
  ['BM25 only, MiniSearch, no synonyms', await measure(noSynonyms, { k: 10, mode: 'lexical' })],
  ['hybrid RRF, LangChain BM25', await measure(lc, { k: 10 })],
  ['hybrid RRF, MiniSearch, no synonyms', await measure(noSynonyms, { k: 10 })],
  ['hybrid RRF, MiniSearch + synonyms (default)', await measure(mini, { k: 10 })],
];

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`Retrieval set: ${set.answerable.length} answerable questions, ${chunks.length} chunks\n`);
console.log('| retriever | recall@1 | recall@5 | MRR |\n|---|---|---|---|');
for (const [name, m] of rows) console.log(`| ${name} | ${pct(m.recall1)} | ${pct(m.recall5)} | ${m.mrr.toFixed(3)} |`);

if (process.argv.includes('--sweep')) {
  console.log('\nFusion sweep (hybrid, MiniSearch + synonyms):');
  for (const rrfK of [5, 10, 20, 40, 60]) {
    for (const lexicalWeight of [0.7, 1, 1.5]) {
      const m = await measure(mini, { k: 10, rrfK, lexicalWeight });
      console.log(
        `rrfK=${rrfK} lexicalWeight=${lexicalWeight}: r@1 ${pct(m.recall1)} r@5 ${pct(m.recall5)} MRR ${m.mrr.toFixed(3)}`,
      );
    }
  }
}
if (process.argv.includes('--misses')) {
  console.log('\nHybrid misses (not at rank 1):');
  for (const miss of rows[rows.length - 1]![1].misses) console.log(`  ${miss}`);
}
