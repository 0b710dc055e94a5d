import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpusData, type CorpusData } from '../../src/corpus/corpus.js';
import { parseQuestionBank, resolveQuestionBank } from '../../src/corpus/question-bank.js';

let data: CorpusData;
beforeAll(async () => {
  data = await loadCorpusData(resolve('corpus'));
});

describe('question bank (corpus/questions.yaml)', () => {
  it('gives every answer unit at least 5 questions (bank entries and question headings)', () => {
    const per = new Map<string, number>();
    for (const q of data.bank) per.set(q.unitId, (per.get(q.unitId) ?? 0) + 1);
    const lacking = data.chunks.filter((u) => (per.get(u.id) ?? 0) < 5).map((u) => `${u.id} (${per.get(u.id) ?? 0})`);
    expect(lacking).toEqual([]);
  });

  it('turns every single-question heading into a question of each unit of its section', () => {
    const heading = 'How long does ketamine therapy last?';
    const units = data.chunks.filter((u) => u.section === heading);
    expect(units.length).toBeGreaterThan(0);
    for (const u of units) expect(data.bank).toContainEqual({ text: heading, unitId: u.id, source: 'heading' });
    // A title with several questions is not one question.
    expect(data.bank.some((q) => q.text === 'Ketamine. What is it? Is it effective? Is it safe?')).toBe(false);
  });

  it('anchors an entry to the unit holding its sentence', () => {
    const file = parseQuestionBank(
      'entries:\n  - doc: ketamine-treatment-resistant-depression\n    anchor: "typically lasting around 40 minutes"\n    questions: [how long is one session]\n',
    );
    const [q] = resolveQuestionBank(file, data.chunks).filter((x) => x.source === 'bank');
    const unit = data.chunks.find((u) => u.id === q?.unitId);
    expect(unit?.text).toContain('typically lasting around 40 minutes');
  });

  it('fails with a message naming the entry when an anchor is missing or ambiguous', () => {
    const missing = parseQuestionBank(
      'entries:\n  - doc: ketamine-what-is-it\n    anchor: "this sentence is not in the article"\n    questions: [q one]\n',
    );
    expect(() => resolveQuestionBank(missing, data.chunks)).toThrow(
      /entry 1 \(ketamine-what-is-it: "this sentence is not in the article"\): anchor not found/,
    );
    // "ketamine" is in many units of one article: without `section` it is ambiguous.
    const ambiguous = parseQuestionBank(
      'entries:\n  - doc: ketamine-what-is-it\n    anchor: "ketamine"\n    questions: [q one]\n',
    );
    expect(() => resolveQuestionBank(ambiguous, data.chunks)).toThrow(/anchor is in \d+ units; add `section`/);
  });

  it('rejects an invalid file with the field named', () => {
    expect(() => parseQuestionBank('entries:\n  - doc: x\n    questions: [q]\n')).toThrow(/entries\.0\.anchor/);
    expect(() => parseQuestionBank('entries: [unclosed')).toThrow(/not valid YAML/);
  });
});
