/**
 * The unit classifier's training rows and its features on the ranker's cached training items (measurement and
 * training). Leakage: the classifier is fitted on the question BANK (+ headings, + optionally the units' sentences)
 * only, never on a dev question, so a dev row's intent features never saw that dev question; a bank question used as
 * a ranker training query gets an OUT-OF-FOLD posterior (5 bank folds, its own question left out), or its intent
 * features would be the classifier's memory of it.
 */
import type { CorpusData } from '../../src/corpus/corpus.js';
import { intentFeatures } from '../../src/answer/intent-features.js';
import { UnitClassifier, type IntentFit } from '../../src/answer/intent-model.js';
import type { TrainItem } from './train-features.js';

const BANK_FOLDS = 5;

/** One classifier training row; `fold` deals every unit's bank questions round-robin (-1: in every fold). */
interface IntentRow {
  unitId: string;
  v: number[];
  w: number;
  fold: number;
  bankIndex?: number;
}

/** Bank and heading questions (weight 1) and, with `sentenceWeight` > 0, every unit sentence (weight w, all folds). */
export function intentRows(data: CorpusData, vectors: Map<string, number[]>, sentenceWeight = 0): IntentRow[] {
  const seen = new Map<string, number>();
  const rows: IntentRow[] = [];
  data.bank.forEach((q, i) => {
    const v = vectors.get(q.text);
    if (!v) return;
    const n = seen.get(q.unitId) ?? 0;
    seen.set(q.unitId, n + 1);
    rows.push({ unitId: q.unitId, v, w: 1, fold: n % BANK_FOLDS, bankIndex: i });
  });
  if (sentenceWeight > 0)
    for (const u of data.chunks)
      for (const s of u.sentences) {
        const v = vectors.get(s.text);
        if (v) rows.push({ unitId: u.id, v, w: sentenceWeight, fold: -1 });
      }
  return rows;
}

function fitOn(rows: IntentRow[], units: string[], fit: Partial<IntentFit> = {}) {
  return UnitClassifier.fit(
    rows.map((r) => r.v),
    rows.map((r) => r.unitId),
    units,
    { ...fit, sampleWeights: rows.map((r) => r.w) },
  );
}

/**
 * The items with the intent features appended to every candidate: dev (and not-covered bank) queries read the
 * whole-bank classifier, bank queries the classifier of the folds without their own question.
 */
export function withIntent(
  items: TrainItem[],
  rows: IntentRow[],
  units: string[],
  fit: Partial<IntentFit> = {},
): { items: TrainItem[]; full: UnitClassifier } {
  const full = fitOn(rows, units, fit);
  const perFold = Array.from({ length: BANK_FOLDS }, (_, f) =>
    fitOn(
      rows.filter((r) => r.fold !== f),
      units,
      fit,
    ),
  );
  const foldOf = new Map(rows.filter((r) => r.bankIndex !== undefined).map((r) => [r.bankIndex as number, r.fold]));
  const out = items.map((x) => {
    const f = x.q.source === 'bank' && x.q.exclude !== undefined ? foldOf.get(x.q.exclude) : undefined;
    const clf = f === undefined ? full : (perFold[f] as UnitClassifier);
    const post = x.vector.length > 0 ? clf.posterior(x.vector) : undefined;
    return {
      ...x,
      candidates: x.candidates.map((c) => ({ ...c, features: [...c.features, ...intentFeatures(post, c.unitId)] })),
    };
  });
  return { items: out, full };
}
