import { questionCandidates } from '../../src/answer/features.js';
import { getConfig } from '../../src/config/env.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { silentLogger } from '../../src/logger.js';
import { loadRetrievalStack } from '../../src/retrieval/stack.js';
import { TermStats } from '../../src/retrieval/term-stats.js';
import { expandContractions } from '../../src/text/contractions.js';
import { loadLabelledQueries } from './train-data.js';
const config = getConfig();
const stack = await loadRetrievalStack({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR, embeddings: new UseLiteEmbeddings(), logger: silentLogger });
const stats = new TermStats(stack.data.chunks);
const qs = (await loadLabelledQueries(stack.data)).filter((q) => q.source === 'dev' && q.history.length === 0 && q.right.length > 0);
const keys = ['bankMax', 'bankTop2', 'sentMax', 'heading', 'bm25Bank', 'bm25Unit'] as const;
const hits: Record<string, number> = {}; let inPool = 0;
for (const q of qs) {
  const res = await stack.units.search(expandContractions(q.question));
  for (const k of keys) {
    const top = [...res.signals].sort((a, b) => b[k] - a[k])[0]!;
    if (q.right.includes(top.unit.id)) hits[k] = (hits[k] ?? 0) + 1;
  }
  const { candidates } = await questionCandidates(stack.units, stats, expandContractions(q.question));
  if (candidates.some((c) => q.right.includes(c.unit.id))) inPool++;
}
console.log(qs.length, 'pool', inPool, Object.entries(hits).map(([k, v]) => `${k} ${(v / qs.length * 100).toFixed(1)}`).join(' '));
process.exit(0);
