import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Answerer } from '../../src/answer/answerer.js';
import { loadRanker } from '../../src/answer/ranker.js';
import { HashEmbeddings } from '../doubles/hash-embeddings.js';
import { silentLogger } from '../../src/logger.js';
import { loadRetrievalStack } from '../../src/retrieval/stack.js';
import { createOutputGuard } from '../../src/safety/output-guard.js';

const DOSE = /\d\s*(mg|mcg|µg|ml)\b|mg\s*\/\s*kg/i;

/** End to end: a corpus that does contain dosing sentences never gets one into an answer. */
describe('answers from a corpus with dosing sentences', () => {
  it('leaves every dose sentence out and still answers from the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kfb-guarded-'));
    const corpusDir = join(dir, 'corpus');
    await mkdir(corpusDir);
    await copyFile('test/safety/fixtures/dosing-article.md', join(corpusDir, 'fixture-dosing.md'));
    await copyFile('corpus/synonyms.yaml', join(corpusDir, 'synonyms.yaml'));
    const stack = await loadRetrievalStack({
      corpusDir,
      indexDir: join(dir, 'index'),
      embeddings: new HashEmbeddings(),
      logger: silentLogger,
    });
    const answerer = new Answerer(stack, createOutputGuard(), await loadRanker(), {
      maxSentences: 4,
      minConfidence: 0,
    });

    let removed = 0;
    for (const question of [
      'What dose of ketamine is used per kg?',
      'How many mg are in an infusion?',
      'How long does an infusion last?',
    ]) {
      const answer = await answerer.answer(question);
      removed += answer.guardRemoved;
      expect(answer.text, question).not.toMatch(DOSE);
      for (const c of answer.citations) expect(c.quote, question).not.toMatch(DOSE);
    }
    // The guard had something to remove: the fixture's dosing sentences were candidates and were dropped.
    expect(removed).toBeGreaterThan(0);
  });
});
