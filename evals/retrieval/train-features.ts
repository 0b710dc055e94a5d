/**
 * The ranker's training rows: the candidates (with features) of every labelled query, computed once and cached in
 * `.build/rank-features.json` (keyed by the dev files, the index manifest and the feature list), so that trying a
 * model variant takes seconds instead of the minutes the unit searches take on a loaded machine.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FEATURE_NAMES, questionCandidates, type PreviousTurn } from '../../src/answer/features.js';
import { hashDevFiles } from '../../src/answer/ranker.js';
import { resolveFollowUp } from '../../src/chat/follow-up.js';
import { newConversation } from '../../src/core/conversation.js';
import { getConfig } from '../../src/config/env.js';
import type { RetrievalStack } from '../../src/retrieval/stack.js';
import { TermStats } from '../../src/retrieval/term-stats.js';
import { expandContractions } from '../../src/text/contractions.js';
import { fitRanker, type FittedRanker } from './fit.js';
import type { LabelledQuery } from './train-data.js';

/** What training reads of a candidate unit (all of it JSON, so it can be cached). */
export interface TrainCandidate {
  unitId: string;
  docId: string;
  text: string;
  features: number[];
  signals: { bm25Bank: number; bm25Unit: number };
  notCovered: { denseMax: number; denseTopMean: number; bm25Max: number };
}
/** A labelled query and its candidates. */
export interface TrainItem {
  q: LabelledQuery;
  candidates: TrainCandidate[];
  /** The (last, resolved) query's USE-lite vector: what the unit classifier reads (intent-features.ts). */
  vector: number[];
}

const CACHE = '.build/rank-features.json';

async function candidatesOf(
  stack: RetrievalStack,
  stats: TermStats,
  q: LabelledQuery,
  model?: FittedRanker,
): Promise<{ candidates: TrainCandidate[]; vector: number[] }> {
  const slim = (cs: Awaited<ReturnType<typeof questionCandidates>>['candidates']): TrainCandidate[] =>
    cs.map((c) => ({
      unitId: c.unit.id,
      docId: c.unit.docId,
      text: c.unit.text,
      features: c.features,
      signals: { bm25Bank: c.signals.bm25Bank, bm25Unit: c.signals.bm25Unit },
      notCovered: {
        denseMax: c.notCovered.denseMax,
        denseTopMean: c.notCovered.denseTopMean,
        bm25Max: c.notCovered.bm25Max,
      },
    }));
  if (q.source !== 'dev') {
    const vector = stack.index.textVectors.get(q.question);
    const { exclude, excludeNotCovered } = q;
    const found = await questionCandidates(stack.units, stats, q.question, { vector, exclude, excludeNotCovered });
    return { candidates: slim(found.candidates), vector: found.queryVector };
  }
  const conversation = newConversation('train');
  let previous: PreviousTurn | undefined;
  for (const [i, turn] of [...q.history, q.question].entries()) {
    const resolved = resolveFollowUp(expandContractions(turn), conversation);
    previous = resolved.previous;
    const found = await questionCandidates(stack.units, stats, resolved.query, { previous });
    const candidates = slim(found.candidates);
    if (i === q.history.length) return { candidates, vector: found.queryVector };
    let top: TrainCandidate | undefined;
    let p = -1;
    for (const c of model ? candidates : []) {
      const pc = (model as FittedRanker).probability(c.features);
      if (pc > p) [top, p] = [c, pc];
    }
    conversation.turns.push({
      message: turn,
      resolvedQuery: resolved.query,
      kind: 'answer',
      topic: resolved.topic,
      chunkIds: top ? [top.unitId] : [],
      at: 0,
    });
  }
  return { candidates: [], vector: [] };
}

export const samplesOf = (qs: TrainItem[]) =>
  qs.flatMap(({ q, candidates }) => candidates.map((c) => ({ x: c.features, y: q.right.includes(c.unitId) ? 1 : 0 })));

/**
 * Candidates of every query. Stage 1: every query without history; a pointwise model fitted on them resolves the
 * follow-ups' earlier turns (stage 2). `ncRanker`: that model also trains on the not-covered bank.
 */
export async function trainingItems(
  stack: RetrievalStack,
  queries: LabelledQuery[],
  options: { ncRanker?: boolean; cache?: boolean } = {},
): Promise<TrainItem[]> {
  const manifest = await readFile(`${getConfig().INDEX_DIR}/manifest.json`, 'utf8').catch(() => '');
  const key = createHash('sha256')
    .update(
      JSON.stringify([await hashDevFiles(), manifest, FEATURE_NAMES, queries, options.ncRanker ?? false, 'vector']),
    )
    .digest('hex');
  if (options.cache !== false) {
    const cached = (await readFile(CACHE, 'utf8').then(JSON.parse, () => undefined)) as
      | { key: string; items: TrainItem[] }
      | undefined;
    if (cached?.key === key) return cached.items;
  }
  const stats = new TermStats(stack.data.chunks);
  const single = queries.filter((q) => q.history.length === 0);
  const stage1 = await Promise.all(single.map(async (q) => ({ q, ...(await candidatesOf(stack, stats, q)) })));
  const modelA = fitRanker(samplesOf(stage1.filter((x) => x.q.source !== 'not-covered' || options.ncRanker)));
  const multi = await Promise.all(
    queries
      .filter((q) => q.history.length > 0)
      .map(async (q) => ({ q, ...(await candidatesOf(stack, stats, q, modelA)) })),
  );
  const items = [...stage1, ...multi];
  if (options.cache !== false) {
    await mkdir(dirname(CACHE), { recursive: true });
    await writeFile(CACHE, JSON.stringify({ key, items }));
  }
  return items;
}
