import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadCorpusTexts } from '../../evals/lib/corpus-text.js';
import { evidenceProblems } from '../../evals/lib/frozen/check.js';
import { computeFigures, isRightUnit, roleOf, STYLES, wilson } from '../../evals/lib/frozen/figures.js';
import { listFrozenAnswerFiles, loadFrozenCases } from '../../evals/lib/frozen/load.js';
import { CaseFileError } from '../../evals/lib/load-cases.js';
import { collectStrings, findNearCopies } from '../../evals/lib/near-copy.js';
import { sharedFrozenAnswerCases } from '../helpers/shared-sets.js';
import { citation, graded, reply, tempFiles } from './helpers.js';

describe('the frozen answer figures', () => {
  const answerable = { kind: 'answer' as const, evidence_any: ['up to 12 infusions'], cites_doc_any: ['doc-a'] };
  const right = reply('answer', 'Up to 12 [1].', [citation(1, 'doc-a', 'Some people need up to 12 infusions.')]);
  const wrong = reply('answer', 'Weeks [1].', [
    citation(1, 'doc-a', 'Treatment is usually a series of infusions over several weeks.'),
  ]);

  it('counts a right unit only when a cited quote holds a fragment, not the reply text', () => {
    expect(isRightUnit(graded({ expect: answerable }, [right]))).toBe(true);
    expect(isRightUnit(graded({ expect: answerable }, [wrong]))).toBe(false);
    const textOnly = reply('answer', 'Some need up to 12 infusions [1].', [
      citation(1, 'doc-a', 'Treatment is usually a series of infusions over several weeks.'),
    ]);
    expect(isRightUnit(graded({ expect: answerable }, [textOnly]))).toBe(false);
  });

  it('computes rates per style and article, no_answer precision/recall and follow-ups', () => {
    const cases = [
      graded({ id: 'a1', tags: ['plain', 'doc-a'], turns: ['q'], expect: answerable }, [right]),
      graded({ id: 'a2', tags: ['typo', 'doc-a'], turns: ['q'], expect: answerable }, [wrong]),
      graded({ id: 'a3', tags: ['typo', 'doc-a'], turns: ['q'], expect: answerable }, [
        reply('no_answer', 'Not covered.'),
      ]),
      graded({ id: 'a4', tags: ['lay', 'doc-a'], turns: ['q'], expect: answerable }, [
        reply('refusal', 'No.', [], 'dosing'),
      ]),
      graded({ id: 'n1', tags: ['not-covered'], turns: ['q'], expect: { kind: 'no_answer' } }, [
        reply('no_answer', 'Not covered.'),
      ]),
      graded({ id: 'n2', tags: ['not-covered'], turns: ['q'], expect: { kind: 'no_answer' } }, [wrong]),
      graded({ id: 'f1', tags: ['follow-up', 'doc-a'], turns: ['q', 'and?'], expect: answerable }, [wrong, right]),
    ];
    expect(cases.map(roleOf)).toEqual([
      'answerable',
      'answerable',
      'answerable',
      'answerable',
      'not-covered',
      'not-covered',
      'follow-up',
    ]);
    const f = computeFigures(cases, ['doc-a']);
    expect(f.answerable.rightUnit).toMatchObject({ hits: 1, n: 4, rate: 0.25 });
    expect(f.answerable.wrongUnit.hits).toBe(1);
    expect(f.answerable.falseNoAnswer.hits).toBe(1);
    expect(f.answerable.misfire.hits).toBe(1);
    expect(f.byStyle.typo).toMatchObject({ n: 2, rightUnit: { hits: 0 }, falseNoAnswer: { hits: 1 } });
    expect(f.byArticle['doc-a']!.n).toBe(4);
    expect(f.noAnswer).toMatchObject({
      given: 2,
      precision: { hits: 1, n: 2 },
      recall: { hits: 1, n: 2 },
      answered: { hits: 1, n: 2 },
    });
    expect(f.followUp.rightUnit).toMatchObject({ hits: 1, n: 1 });
  });

  it('gives a Wilson interval that contains the rate and narrows with n', () => {
    const [lo, hi] = wilson(60, 100)!;
    expect(lo).toBeLessThan(0.6);
    expect(hi).toBeGreaterThan(0.6);
    const [lo2, hi2] = wilson(600, 1000)!;
    expect(hi2 - lo2).toBeLessThan(hi - lo);
    expect(wilson(0, 0)).toBeUndefined();
  });
});

describe('the frozen answer files', async () => {
  const files = await listFrozenAnswerFiles();
  const cases = await sharedFrozenAnswerCases();
  const corpus = (await loadCorpusTexts('corpus'))!;
  const single = cases.filter((c) => c.turns.length === 1);
  const answerable = single.filter((c) => c.expect.kind === 'answer');

  it('exist, parse with the case schema and have unique ids (loadFrozenCases rejects duplicates)', async () => {
    expect(files.length).toBeGreaterThanOrEqual(1);
    const dir = await tempFiles({
      'answers-a.yaml': '- { id: same, turns: ["q"], expect: { kind: no_answer } }\n',
      'answers-b.yaml': '- { id: same, turns: ["q"], expect: { kind: no_answer } }\n',
    });
    const error = await loadFrozenCases(await listFrozenAnswerFiles(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaseFileError);
    expect((error as Error).message).toContain('duplicate id');
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('have evidence that is verbatim, short, and cites every article holding it', () => {
    expect(evidenceProblems(cases, corpus)).toEqual([]);
  });

  it('have the counts issue 11 asks for, spread over every article and style', () => {
    expect(answerable.length).toBeGreaterThanOrEqual(220);
    expect(
      single.filter((c) => c.expect.kind === 'no_answer' || c.expect.kind_in?.includes('no_answer')).length,
    ).toBeGreaterThanOrEqual(50);
    const followUps = cases.filter((c) => c.turns.length > 1 && c.tags.includes('follow-up'));
    expect(followUps.filter((c) => c.expect.kind === 'answer').length).toBeGreaterThanOrEqual(35);
    expect(followUps.every((c) => c.turns.length <= 3)).toBe(true);
    for (const id of corpus.keys())
      expect(answerable.filter((c) => c.tags.includes(id)).length, id).toBeGreaterThanOrEqual(30);
    for (const style of STYLES)
      expect(answerable.filter((c) => c.tags[0] === style).length, style).toBeGreaterThanOrEqual(25);
    expect(answerable.every((c) => (STYLES as readonly string[]).includes(c.tags[0] ?? ''))).toBe(true);
    const shortOnes = answerable.filter((c) => c.tags[0] === 'short').map((c) => c.turns[0]!.split(/\s+/).length);
    expect(shortOnes.every((n) => n >= 2 && n <= 4)).toBe(true);
  });

  it('hold no near-copy of a synonym phrase, a question-bank or a not-covered-bank question', async () => {
    const phrases: string[] = [];
    for (const file of ['corpus/synonyms.yaml', 'corpus/questions.yaml', 'corpus/not-covered.yaml']) {
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text !== undefined) phrases.push(...collectStrings(parse(text)));
    }
    expect(phrases.length).toBeGreaterThan(0);
    const hits = findNearCopies(
      cases.flatMap((c) => c.turns),
      phrases,
    );
    // Only the bank / synonym side is reported: fixing a collision must never mean reading the frozen question.
    expect(hits.map((h) => `${h.phrase} (${h.jaccard.toFixed(2)})`)).toEqual([]);
  });
});
