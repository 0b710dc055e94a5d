import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Answerer } from '../../src/answer/answerer.js';
import { loadRanker } from '../../src/answer/ranker.js';
import { silentLogger } from '../../src/logger.js';
import { loadRetrievalStack, type RetrievalStack } from '../../src/retrieval/stack.js';
import type { UnitSearch } from '../../src/retrieval/unit-search.js';
import { createOutputGuard } from '../../src/safety/output-guard.js';
import { HashEmbeddings } from '../doubles/hash-embeddings.js';

/** The real corpus with hash embeddings (no model), and a unit search that counts its searches. */
async function countingAnswerer(): Promise<{ answerer: Answerer; searches: () => number }> {
  const stack = await loadRetrievalStack({
    corpusDir: 'corpus',
    indexDir: join(await mkdtemp(join(tmpdir(), 'kfb-memo-')), 'index'),
    embeddings: new HashEmbeddings(),
    logger: silentLogger,
  });
  let count = 0;
  const real = stack.units;
  const units = {
    get units() {
      return real.units;
    },
    bankTexts: (unitId: string, exclude?: number) => real.bankTexts(unitId, exclude),
    get textVectors() {
      return real.textVectors;
    },
    search: (...args: Parameters<UnitSearch['search']>) => {
      count++;
      return real.search(...args);
    },
  } as unknown as UnitSearch;
  const counted: RetrievalStack = { ...stack, units };
  const answerer = new Answerer(counted, createOutputGuard(), await loadRanker(), {
    maxSentences: 4,
    minConfidence: 0,
  });
  return { answerer, searches: () => count };
}

describe('Answerer memo (a repeated question skips search, ranking and trimming)', () => {
  let a: Awaited<ReturnType<typeof countingAnswerer>>;
  beforeAll(async () => {
    a = await countingAnswerer();
  });

  it('answers a repeated question from memory, with the same reply', async () => {
    const first = await a.answerer.answer('How long does an infusion last?');
    const second = await a.answerer.answer('How long does an infusion last?');
    expect(a.searches()).toBe(1);
    expect(second).toEqual(first);
    // Each caller gets its own arrays: changing one reply cannot change the next.
    second.citations.length = 0;
    expect((await a.answerer.answer('How long does an infusion last?')).citations).toEqual(first.citations);
  });

  it('searches again for another question, another previous turn or other options', async () => {
    const before = a.searches();
    await a.answerer.answer('Is ketamine addictive?');
    await a.answerer.answer('How long does an infusion last?', { previous: { unitIds: ['ketamine-what-is-it#0'] } });
    await a.answerer.answer('How long does an infusion last?', { maxSentences: 2 });
    expect(a.searches() - before).toBe(3);
  });
});
