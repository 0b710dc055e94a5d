/**
 * The labelled data of the answer ranker, all of it DEV data (never evals/frozen): (question, right units) from the
 * dev answer set, the eval suite's accuracy / not-covered / conversation cases and the retrieval set — a unit is
 * right when it contains one of the case's verbatim evidence fragments — plus every bank question (its unit is
 * right; its own vector is left out of the bank signals when it is the query).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { Chunk } from '../../src/corpus/chunk.js';
import type { CorpusData } from '../../src/corpus/corpus.js';
import { DEV_FILES } from '../../src/answer/ranker.js';
import { expectedKinds } from '../lib/case-schema.js';
import { parseCaseFile, type LoadedCase } from '../lib/load-cases.js';
import { containsFragment } from '../lib/text.js';
import { RetrievalSetSchema } from './schema.js';

/** One training / evaluation query. */
export interface LabelledQuery {
  /** Cross-validation group (a case id; a bank question's unit). */
  group: string;
  /** Where it came from: dev (visitor questions, evaluated), bank / not-covered bank (training only). */
  source: 'dev' | 'bank' | 'not-covered';
  /** Question style tag (plain, typo, rambling, short, lay, follow-up, not-covered…). */
  style: string;
  /** Earlier turns of a conversation (a follow-up is graded on the last). */
  history: string[];
  question: string;
  /** Right unit ids; empty for a question the articles do not cover. */
  right: string[];
  /** Bank question index to leave out (bank queries only). */
  exclude?: number;
  /** Not-covered question index to leave out (not-covered bank queries only). */
  excludeNotCovered?: number;
}

const unitsHolding = (units: Chunk[], fragments: string[]) =>
  units.filter((u) => fragments.some((f) => containsFragment(u.text, f))).map((u) => u.id);

function fromCase(c: LoadedCase, units: Chunk[]): LabelledQuery | undefined {
  const kinds = expectedKinds(c.expect);
  const turns = c.turns;
  const base = {
    group: c.id,
    source: 'dev' as const,
    style: c.tags[0] ?? 'plain',
    history: turns.slice(0, -1),
    question: turns.at(-1) as string,
  };
  if (kinds.includes('answer') && c.expect.evidence_any) {
    const right = unitsHolding(units, c.expect.evidence_any);
    return right.length > 0 ? { ...base, right } : undefined;
  }
  if (
    kinds.length > 0 &&
    kinds.every((k) => k === 'no_answer' || k === 'out_of_scope') &&
    kinds.includes('no_answer')
  ) {
    return { ...base, style: 'not-covered', right: [] };
  }
  return undefined;
}

/**
 * The fixed held-out quarter of the dev queries: a group (case id) is held out when the first byte of its sha256 is
 * divisible by 4. By hash, not by position, so adding cases never moves old ones between the halves.
 */
export function isHeldOut(group: string): boolean {
  return ((createHash('sha256').update(group).digest()[0] as number) & 3) === 0;
}

/** Every labelled dev query and bank query. */
export async function loadLabelledQueries(data: CorpusData): Promise<LabelledQuery[]> {
  const out: LabelledQuery[] = [];
  const problems: string[] = [];
  for (const file of DEV_FILES.filter((f) => f.startsWith('evals/') && !f.startsWith('evals/retrieval/'))) {
    for (const c of parseCaseFile(await readFile(file, 'utf8'), file, problems)) {
      const q = fromCase(c, data.chunks);
      if (q) out.push(q);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const set = RetrievalSetSchema.parse(parseYaml(await readFile('evals/retrieval/questions.yaml', 'utf8')));
  set.answerable.forEach((item, i) => {
    const right = unitsHolding(data.chunks, item.evidence);
    if (right.length > 0)
      out.push({ group: `retrieval-${i}`, source: 'dev', style: 'retrieval', history: [], question: item.q, right });
  });
  set.unanswerable.forEach((q, i) => {
    out.push({ group: `retrieval-nc-${i}`, source: 'dev', style: 'not-covered', history: [], question: q, right: [] });
  });
  data.bank.forEach((q, i) => {
    if (q.source === 'bank')
      out.push({
        group: `bank:${q.unitId}`,
        source: 'bank',
        style: 'bank',
        history: [],
        question: q.text,
        right: [q.unitId],
        exclude: i,
      });
  });
  // The not-covered bank: training rows for "no unit answers this", each leaving its own vector and BM25 document out.
  data.notCovered.forEach((question, i) => {
    out.push({
      group: `not-covered:${i}`,
      source: 'not-covered',
      style: 'not-covered-bank',
      history: [],
      question,
      right: [],
      excludeNotCovered: i,
    });
  });
  return out;
}
