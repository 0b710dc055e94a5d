import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpusData } from '../../src/corpus/corpus.js';
import { resolveQuestionBank } from '../../src/corpus/question-bank.js';
import { addAccepted, anchorFor } from '../../src/review/accepted-file.js';
import { corpusUnits } from './fixtures.js';

describe('accepted questions and the question bank', () => {
  it('anchors every unit of the corpus to itself', async () => {
    const units = await corpusUnits();
    for (const unit of units) {
      const anchor = anchorFor(unit, units);
      expect(resolveQuestionBank({ entries: [{ ...anchor, questions: ['q?'] }] }, units, { headings: false })).toEqual([
        { text: 'q?', unitId: unit.id, source: 'bank' },
      ]);
    }
  });

  it('a missing accepted file changes nothing (no rebuild); a written one is merged and changes the bank hash input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'accepted-'));
    const file = join(dir, 'sub', 'accepted-questions.yaml');
    const base = await loadCorpusData(resolve('corpus'));
    const absent = await loadCorpusData(resolve('corpus'), undefined, file);
    expect(absent.bankText).toBe(base.bankText);
    expect(absent.bank).toEqual(base.bank);
    const units = base.chunks;
    const unit = units[7];
    if (!unit) throw new Error('fixture');
    expect(await addAccepted(file, unit, units, 'Is this a brand new wording?')).toBe(true);
    expect(await addAccepted(file, unit, units, 'is this a brand new wording?')).toBe(false);
    expect(await addAccepted(file, unit, units, 'And a second one?')).toBe(true);
    const merged = await loadCorpusData(resolve('corpus'), undefined, file);
    expect(merged.bankText).not.toBe(base.bankText);
    expect(merged.bank.filter((q) => q.unitId === unit.id && !base.bank.includes(q)).map((q) => q.text)).toEqual(
      expect.arrayContaining(['Is this a brand new wording?', 'And a second one?']),
    );
    expect((await readFile(file, 'utf8')).match(/anchor:/g)).toHaveLength(1);
  });

  it('an invalid accepted file fails the load with its name, like a bad corpus/questions.yaml', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'accepted-'));
    const file = join(dir, 'accepted-questions.yaml');
    await writeFile(
      file,
      'entries:\n  - doc: ketamine-what-is-it\n    anchor: "no such sentence anywhere here"\n    questions: ["x?x"]\n',
    );
    await expect(loadCorpusData(resolve('corpus'), undefined, file)).rejects.toThrow(
      /accepted-questions\.yaml entry 1.*anchor not found/,
    );
  });
});
