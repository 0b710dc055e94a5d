import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { collectStrings, findNearCopies } from '../../evals/lib/near-copy.js';
import { loadCorpusData } from '../../src/corpus/corpus.js';
import { loadNotCovered, NOT_COVERED_FILE, parseNotCovered } from '../../src/corpus/not-covered.js';
import { CorpusError } from '../../src/errors.js';
import { buildIndex } from '../../src/index/build.js';
import { ensureIndex } from '../../src/index/load.js';
import { HashEmbeddings } from '../doubles/hash-embeddings.js';
import { copyCorpus, recordingLogger } from '../index/helpers.js';

describe('the not-covered bank (corpus/not-covered.yaml)', () => {
  it('holds at least 300 distinct questions over the families the task names', async () => {
    const text = await readFile(`corpus/${NOT_COVERED_FILE}`, 'utf8');
    const questions = parseNotCovered(text);
    expect(questions.length).toBeGreaterThanOrEqual(300);
    expect(new Set(questions.map((q) => q.toLowerCase())).size).toBe(questions.length);
    const families = Object.keys(parse(text).families as object);
    expect(families.length).toBeGreaterThanOrEqual(8);
    // The header says where the questions come from.
    expect(text.slice(0, 400)).toMatch(/Team-written, from general knowledge/);
  });

  it('rejects a bad file with an error naming it', () => {
    const bad = (text: string) => () => parseNotCovered(text, 'x/not-covered.yaml');
    expect(bad('families: [oops')).toThrow(CorpusError);
    expect(bad('families: [oops')).toThrow(/x\/not-covered\.yaml is not valid YAML/);
    expect(bad('families:\n  Cost: [how much]\n')).toThrow(/x\/not-covered\.yaml: "families.Cost": Invalid key/);
    expect(bad('families:\n  cost: []\n')).toThrow(/x\/not-covered\.yaml: "families.cost"/);
    expect(bad('questions: [a b c]\n')).toThrow(/x\/not-covered\.yaml/);
    expect(bad('families:\n  cost: [how much is it]\n  fees: [How much  is it]\n')).toThrow(
      /x\/not-covered\.yaml: "How much {2}is it" \(fees\) is listed twice \(first in cost\)/,
    );
  });

  it('fails the corpus load naming the file; a corpus without one has no not-covered bank', async () => {
    const dir = await copyCorpus(['ketamine-what-is-it']);
    const base = await loadCorpusData(dir);
    expect(base.notCovered.length).toBeGreaterThanOrEqual(300);
    await writeFile(join(dir, NOT_COVERED_FILE), 'families:\n  cost: "not a list"\n');
    await expect(loadCorpusData(dir)).rejects.toThrow(new RegExp(`${NOT_COVERED_FILE}: "families.cost"`));
    expect(await loadNotCovered(join(dir, 'absent.yaml'))).toEqual({ text: undefined, questions: [] });
  });

  it('is embedded and in the bank hash: editing it rebuilds the index, which then holds the new question', async () => {
    const corpusDir = await copyCorpus(['ketamine-treatment-resistant-depression']);
    const indexDir = join(dirname(corpusDir), 'index');
    const embeddings = new HashEmbeddings();
    const before = await loadCorpusData(corpusDir);
    const built = await buildIndex(indexDir, corpusDir, before, embeddings);
    for (const q of before.notCovered.slice(0, 5)) expect(built.textVectors.has(q)).toBe(true);
    const added = 'Do ketamine clinics validate parking tickets?';
    await appendFile(join(corpusDir, NOT_COVERED_FILE), `  extra:\n    - ${added}\n`);
    const data = await loadCorpusData(corpusDir);
    expect(data.notCovered).toContain(added);
    const logger = recordingLogger();
    const run = await ensureIndex({ indexDir, corpusDir, data, embeddings, logger });
    expect(run.rebuilt).toBe(true);
    expect(String(logger.events('index_rebuild')[0]?.reason)).toMatch(/question bank changed/);
    expect(run.index.textVectors.has(added)).toBe(true);
    const again = await ensureIndex({ indexDir, corpusDir, data, embeddings, logger: recordingLogger() });
    expect(again.rebuilt).toBe(false);
  });
});

describe('the not-covered bank against the dev data it is measured on', () => {
  it('holds no near-copy of a dev or eval-suite question, nor of a bank question', async () => {
    const files = [
      ...(await readdir('evals/dev')).map((f) => `evals/dev/${f}`),
      ...(await readdir('evals/cases')).map((f) => `evals/cases/${f}`),
      'evals/retrieval/questions.yaml',
      'corpus/questions.yaml',
    ].filter((f) => f.endsWith('.yaml'));
    const others: string[] = [];
    for (const f of files) others.push(...collectStrings(parse(await readFile(f, 'utf8'))));
    const mine = parseNotCovered(await readFile(`corpus/${NOT_COVERED_FILE}`, 'utf8'));
    // Only this bank's side is reported: a collision is fixed by rewording the not-covered question.
    expect(findNearCopies(mine, others).map((h) => `${h.text} (${h.jaccard.toFixed(2)})`)).toEqual([]);
  });
});
