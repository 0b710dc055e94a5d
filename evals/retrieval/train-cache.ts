/**
 * Measurement helpers of `npm run answer:train` (never used for the shipped weights' fit options):
 * `--cache=FILE` stores every query's candidates and query vector once and reuses them, so a feature removal or a
 * classifier change is measured in minutes on the same candidates; `--drop=a,b` / `--drop-a=c,d` leave ranker /
 * answerability features out of the fit (with `--dry-run` only: weights always carry every feature).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { RankCandidate } from '../../src/answer/features.js';
import type { Chunk } from '../../src/corpus/chunk.js';
import type { UnitSignals } from '../../src/retrieval/unit-search.js';
import type { LabelledQuery } from './train-data.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
const list = (name: string) => (arg(name) ?? '').split(',').filter((x) => x !== '');

/** Ranker / answerability features left out of this (measurement) run. */
export const dropped = list('--drop');
export const droppedAnswerability = list('--drop-a');
if ((dropped.length > 0 || droppedAnswerability.length > 0) && !process.argv.includes('--dry-run'))
  throw new Error('--drop / --drop-a are for measurement: add --dry-run');

/** One query's candidates and the vector it was matched with (the classifier's input). */
export interface QueryCandidates {
  q: LabelledQuery;
  candidates: RankCandidate[];
  vector: number[];
}

interface Stored {
  question: string;
  vector: number[];
  candidates: { unit: string; features: number[]; bm25Bank: number; bm25Unit: number }[];
}

/** `compute()`, or its stored result when `--cache=FILE` exists (written on the first run). */
export async function cachedCandidates(
  compute: () => Promise<QueryCandidates[]>,
  queries: readonly LabelledQuery[],
  units: readonly Chunk[],
): Promise<QueryCandidates[]> {
  const file = arg('--cache');
  if (!file || !existsSync(file)) {
    const all = await compute();
    if (file) {
      const stored: Stored[] = all.map(({ q, candidates, vector }) => ({
        question: q.question,
        vector,
        candidates: candidates.map((c) => ({
          unit: c.unit.id,
          features: c.features,
          bm25Bank: c.signals.bm25Bank,
          bm25Unit: c.signals.bm25Unit,
        })),
      }));
      await writeFile(file, JSON.stringify(stored));
    }
    return all;
  }
  const stored = JSON.parse(await readFile(file, 'utf8')) as Stored[];
  const byId = new Map(units.map((u) => [u.id, u]));
  // The stored order is compute()'s: single-turn queries first, then follow-ups.
  const ordered = [...queries.filter((q) => q.history.length === 0), ...queries.filter((q) => q.history.length > 0)];
  if (ordered.length !== stored.length || ordered.some((q, i) => q.question !== stored[i]?.question))
    throw new Error(`${file} was written for other queries: delete it`);
  return stored.map((s, i) => ({
    q: ordered[i] as LabelledQuery,
    vector: s.vector,
    candidates: s.candidates.map((c) => {
      const unit = byId.get(c.unit) as Chunk;
      return {
        unit,
        features: c.features,
        signals: { unit, bm25Bank: c.bm25Bank, bm25Unit: c.bm25Unit } as UnitSignals,
      };
    }),
  }));
}

/** Names kept after `--drop`, and a row filter for them. */
export function keptColumns(names: readonly string[], drop: readonly string[]) {
  const unknown = drop.filter((d) => !names.includes(d));
  if (unknown.length > 0) throw new Error(`unknown feature(s) to drop: ${unknown.join(', ')}`);
  const keep = names.map((n, i) => (drop.includes(n) ? -1 : i)).filter((i) => i >= 0);
  return { names: keep.map((i) => names[i] as string), row: (x: number[]) => keep.map((i) => x[i] as number) };
}
