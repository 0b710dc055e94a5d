import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BANK_CACHE_FILE, parseQuestionBankCached } from '../../src/corpus/bank-cache.js';
import { parseQuestionBank } from '../../src/corpus/question-bank.js';

const yaml = (question: string) =>
  `entries:\n  - doc: ketamine-what-is-it\n    anchor: "used for decades as an anesthetic"\n    questions: ["${question}"]\n`;

describe('parseQuestionBankCached', () => {
  let dir: string;
  let parses: number;
  const parse = (text: string, file: string) => {
    parses++;
    return parseQuestionBank(text, file);
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bank-cache-'));
    parses = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('parses the YAML once, then answers the same text from the cache', async () => {
    const first = await parseQuestionBankCached(yaml('what was it first used for?'), 'q.yaml', { dir, parse });
    const second = await parseQuestionBankCached(yaml('what was it first used for?'), 'q.yaml', { dir, parse });
    expect(parses).toBe(1);
    expect(second).toEqual(first);
    expect(second.entries[0]?.questions).toEqual(['what was it first used for?']);
  });

  it('parses again when the bank text changed (the cache is keyed by its hash)', async () => {
    await parseQuestionBankCached(yaml('what was it first used for?'), 'q.yaml', { dir, parse });
    const edited = await parseQuestionBankCached(yaml('is it an anesthetic?'), 'q.yaml', { dir, parse });
    expect(parses).toBe(2);
    expect(edited.entries[0]?.questions).toEqual(['is it an anesthetic?']);
  });

  it('ignores a cache that is not valid and rewrites it', async () => {
    await writeFile(join(dir, BANK_CACHE_FILE), '{"sha256": "x", "bank": 1');
    const bank = await parseQuestionBankCached(yaml('what was it first used for?'), 'q.yaml', { dir, parse });
    expect(parses).toBe(1);
    expect(JSON.parse(await readFile(join(dir, BANK_CACHE_FILE), 'utf8')).bank).toEqual(bank);
  });

  it('still reports an invalid bank file, and caches nothing for it', async () => {
    await expect(parseQuestionBankCached('entries: [{doc: x}]\n', 'q.yaml', { dir, parse })).rejects.toThrow(/q\.yaml/);
    await expect(readFile(join(dir, BANK_CACHE_FILE), 'utf8')).rejects.toThrow();
  });
});
