/**
 * `npm run retrieval:eval`: recall@1, recall@5 and MRR of dense-only, BM25-only (MiniSearch and LangChain) and
 * hybrid retrieval on evals/retrieval/questions.yaml. `--sweep` also tries fusion settings.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { getConfig } from '../../src/config/env.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { silentLogger } from '../../src/logger.js';
import { HybridRetriever, type RetrieveOptions } from '../../src/retrieval/hybrid.js';
import { LangChainBm25Retriever, MiniSearchRetriever } from '../../src/retrieval/lexical.js';
import { loadRetrievalStack } from '../../src/retrieval/stack.js';
import { normalizeForMatch } from '../../src/answer/verify.js';

export const RetrievalSetSchema = z.object({
  answerable: z.array(z.object({ q: z.string().min(1), evidence: z.array(z.string().min(1)).min(1) })).min(1),
  unanswerable: z.array(z.string().min(1)),
});

const set = RetrievalSetSchema.parse(parseYaml(await readFile(new URL('./questions.yaml', import.meta.url), 'utf8')));
const config = getConfig();
const embeddings = new UseLiteEmbeddings();
const stack = await loadRetrievalStack({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR, embeddings, logger: silentLogger });
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
const noSynonyms = new HybridRetriever({ chunks, index: stack.index, embeddings, lexical: new MiniSearchRetriever(chunks), synonyms: { expand: () => ({ added: [], groups: [] }) } as never });

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
      console.log(`rrfK=${rrfK} lexicalWeight=${lexicalWeight}: r@1 ${pct(m.recall1)} r@5 ${pct(m.recall5)} MRR ${m.mrr.toFixed(3)}`);
    }
  }
}
if (process.argv.includes('--misses')) {
  console.log('\nHybrid misses (not at rank 1):');
  for (const miss of rows[rows.length - 1]![1].misses) console.log(`  ${miss}`);
}

if (process.argv.includes('--answers') || process.argv.includes('--calibrate')) {
  // Answer-level view: does the composed answer quote the evidence, and where does the no-answer cut-off fall?
  const { Answerer } = await import('../../src/answer/answerer.js');
  const { allowAllGuard } = await import('../../src/safety/types.js');
  const answerer = new Answerer(stack, allowAllGuard, { topK: config.RETRIEVAL_TOP_K, maxSentences: config.ANSWER_MAX_SENTENCES, minConfidence: 0 });
  const pos: number[] = [];
  const neg: number[] = [];
  let hits = 0;
  for (const item of set.answerable) {
    const a = await answerer.answer(item.q);
    pos.push(a.confidence);
    const hit = a.citations.some((c) => relevant(c.quote, item.evidence));
    if (hit) hits++;
    else if (process.argv.includes('--answers')) console.log(`  evidence miss (conf ${a.confidence.toFixed(2)}): ${item.q}\n      → ${a.citations.map((c) => c.quote.slice(0, 70)).join(' | ')}`);
  }
  for (const q of set.unanswerable) {
    const a = await answerer.answer(q);
    neg.push(a.confidence);
    if (process.argv.includes('--calibrate')) console.log(`  unanswerable conf ${a.confidence.toFixed(3)}: ${q}`);
  }
  console.log(`\nEvidence quoted in the answer: ${hits}/${set.answerable.length} (${pct(hits / set.answerable.length)})`);
  const sortedPos = [...pos].sort((a, b) => a - b);
  console.log(`Answerable confidence: min ${sortedPos[0]?.toFixed(3)} p10 ${sortedPos[Math.floor(pos.length * 0.1)]?.toFixed(3)} median ${sortedPos[pos.length >> 1]?.toFixed(3)}`);
  let best = { t: 0, acc: 0 };
  for (let t = 0; t <= 0.8; t += 0.01) {
    const acc = (pos.filter((c) => c >= t).length + neg.filter((c) => c < t).length) / (pos.length + neg.length);
    if (acc > best.acc + 1e-9) best = { t, acc };
  }
  const current = config.ANSWER_MIN_CONFIDENCE;
  const accAt = (t: number) => (pos.filter((c) => c >= t).length + neg.filter((c) => c < t).length) / (pos.length + neg.length);
  console.log(`No-answer cut-off: best separating threshold ${best.t.toFixed(2)} (accuracy ${pct(best.acc)}); current ANSWER_MIN_CONFIDENCE ${current} → ${pct(accAt(current))}`);
  console.log(`  at current: answerable answered ${pos.filter((c) => c >= current).length}/${pos.length}, unanswerable abstained ${neg.filter((c) => c < current).length}/${neg.length}`);
}
