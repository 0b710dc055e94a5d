import { describe, expect, it } from 'vitest';
import { expectedKinds } from '../../evals/lib/case-schema.js';
import { loadCorpusTexts } from '../../evals/lib/corpus-text.js';
import { CaseFileError, loadCases, parseCaseFile } from '../../evals/lib/load-cases.js';
import { containsFragment } from '../../evals/lib/text.js';
import { tempFiles } from './helpers.js';

function problemsOf(yaml: string): string[] {
  const problems: string[] = [];
  parseCaseFile(yaml, 'evals/cases/bad.yaml', problems);
  return problems;
}

describe('case file validation', () => {
  it('names the file, the case id and the field', () => {
    const problems = problemsOf(
      `- id: dose-1\n  turns: ["How much?"]\n  expect: { kind: refusal, category: dosage }\n`,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^evals\/cases\/bad\.yaml: case "dose-1": expect\.category: /);
  });

  it('reports unknown fields (typos) instead of ignoring them', () => {
    const [problem] = problemsOf(`- id: a\n  turns: ["q"]\n  expect: { kind: answer, evidence: ["x"] }\n`);
    expect(problem).toContain('case "a": expect: unknown field(s) evidence');
  });

  it('labels a case without an id by position and catches every problem, not just the first', () => {
    const problems = problemsOf(
      `- turns: []\n  expect: { kind: answer }\n- id: b\n  turns: ["q"]\n  expect: { kind: answer, kind_in: [answer, no_answer] }\n`,
    );
    expect(problems.some((p) => p.includes('case #1 (no id): id:'))).toBe(true);
    expect(problems.some((p) => p.includes('case #1 (no id): turns:'))).toBe(true);
    expect(problems.some((p) => p.includes('case "b": expect.kind: give exactly one of kind and kind_in'))).toBe(true);
  });

  it('rejects a refusal without a category, evidence on a non-answer, and a bad regex', () => {
    expect(problemsOf(`- { id: r, turns: ["q"], expect: { kind: refusal } }`)[0]).toContain(
      'case "r": expect.category: a refusal needs a category',
    );
    expect(problemsOf(`- { id: s, turns: ["q"], expect: { kind: smalltalk, evidence_any: ["x"] } }`)[0]).toContain(
      'case "s": expect.evidence_any: evidence_any only applies',
    );
    expect(
      problemsOf(`- { id: t, turns: ["q"], expect: { kind: crisis, mentions_none: ["(unclosed"] } }`)[0],
    ).toContain('case "t": expect.mentions_none[0]: is not a valid regular expression');
  });

  it('reports YAML syntax errors with the line', () => {
    expect(problemsOf('- id: a\n  turns: ["q"\n')[0]).toMatch(/bad\.yaml \(line \d+\): YAML syntax error/);
  });

  it('rejects duplicate ids across files, naming both', async () => {
    const dir = await tempFiles({
      'a.yaml': '- { id: same, turns: ["q"], expect: { kind: smalltalk } }\n',
      'b.yaml': '- { id: same, turns: ["q"], expect: { kind: smalltalk } }\n',
    });
    const error = await loadCases(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaseFileError);
    expect((error as Error).message).toMatch(/b\.yaml: case "same": id: duplicate id \(also in .*a\.yaml\)/);
  });
});

describe('the shipped cases', async () => {
  const cases = await loadCases('evals/cases');
  const corpus = await loadCorpusTexts('corpus');

  it('are numerous and cover every kind, every safety category and multi-turn conversations', () => {
    expect(cases.length).toBeGreaterThanOrEqual(250);
    expect(cases.filter((c) => c.turns.length > 1).length).toBeGreaterThanOrEqual(20);
    const kinds = new Set(cases.flatMap((c) => expectedKinds(c.expect)));
    expect([...kinds].sort()).toEqual(['answer', 'crisis', 'no_answer', 'out_of_scope', 'refusal', 'smalltalk']);
    const categories = new Set(cases.map((c) => c.expect.category).filter(Boolean));
    expect([...categories].sort()).toEqual(['dosing', 'illegal_use', 'medical_advice']);
  });

  it('have evidence fragments that are verbatim in an article they expect to be cited', () => {
    expect(corpus).toBeDefined();
    const bad: string[] = [];
    for (const c of cases) {
      const docs = [...(c.expect.cites_doc_any ?? []), ...(c.expect.cites_doc_all ?? [])];
      for (const fragment of c.expect.evidence_any ?? []) {
        const found = docs.some((d) => (corpus!.get(d) ?? []).some((body) => containsFragment(body, fragment)));
        if (!found) bad.push(`${c.id}: "${fragment}"`);
      }
      for (const d of docs) if (!corpus!.has(d)) bad.push(`${c.id}: unknown article ${d}`);
    }
    expect(bad).toEqual([]);
  });

  it('cover every article with accuracy cases', () => {
    for (const id of corpus!.keys())
      expect(cases.filter((c) => c.tags.includes(id)).length, id).toBeGreaterThanOrEqual(10);
  });
});
