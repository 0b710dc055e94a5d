/**
 * `npm run answer:train`: fits the answer ranker (logistic regression over (question, unit) candidates) on the DEV
 * data, chooses the no-answer threshold by 5-fold group cross-validation (answerable vs not covered, target ≤ 3 %
 * false no_answer), chooses the second-unit threshold, and writes src/answer/ranker-weights.json with the dev-set
 * hash. Deterministic: the same data gives the same weights. Never reads evals/frozen.
 * A fixed quarter of the dev queries (by id hash, {@link isHeldOut}) is held out of the fit and of the
 * cross-validation; `--holdout` reports the figures on it of models fitted on the rest (look at them only at the end
 * of a piece of work: they are the honest dev figure). The shipped weights are then fitted on all dev data.
 *   tsx evals/retrieval/train.ts [--dry-run] [--holdout] [--nc-rows] [--nc-ranker]
 */
import { writeFile } from 'node:fs/promises';
import { FEATURE_NAMES, questionCandidates, type PreviousTurn, type RankCandidate } from '../../src/answer/features.js';
import { hashDevFiles, RANKER_WEIGHTS_FILE, type RankerWeights } from '../../src/answer/ranker.js';
import { jaccard } from '../../src/answer/similarity.js';
import { resolveFollowUp } from '../../src/chat/follow-up.js';
import { newConversation } from '../../src/core/conversation.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { groupFolds, outOfFold } from '../../src/learn/cross-validation.js';
import { linearModelToJson } from '../../src/learn/weights-file.js';
import { TermStats } from '../../src/retrieval/term-stats.js';
import { expandContractions } from '../../src/text/contractions.js';
import { fitAnswerability, fitListwise, fitRanker, type FittedRanker } from './fit.js';
import { ANSWERABILITY_FEATURES, answerabilityFeatures } from '../../src/answer/answerability.js';
import { isHeldOut, loadLabelledQueries, type LabelledQuery } from './train-data.js';
import { loadDevStack } from './dev-stack.js';

/** The dev targets of the issue: at most 3 % false no_answer. */
const MAX_FALSE_NO_ANSWER = 0.03;
/** A second unit must be a right unit this often on the dev set (out of fold) to be worth showing. */
const SECOND_UNIT_PRECISION = 0.75;
const FOLDS = 5;
const SEED = 11;

const stack = await loadDevStack();
const stats = new TermStats(stack.data.chunks);
const queries = await loadLabelledQueries(stack.data);
if (process.argv.includes('--wordnet')) {
  // Measurement only (see wordnet.ts): the same unit search, with WordNet synonyms for out-of-corpus words.
  const { withWordnet } = await import('./wordnet.js');
  const { BankLexical } = await import('../../src/retrieval/bank-lexical.js');
  const { UnitSearch } = await import('../../src/retrieval/unit-search.js');
  const synonyms = await withWordnet(
    stack.data.synonyms,
    [...queries.map((q) => q.question), ...queries.flatMap((q) => q.history)],
    stats,
  );
  const known = (t: string) => stats.has(t);
  (stack as { units: unknown }).units = new UnitSearch({
    units: stack.data.chunks,
    bank: stack.data.bank,
    index: stack.index,
    embeddings: new UseLiteEmbeddings(),
    lexical: stack.lexical,
    bankLexical: new BankLexical(stack.data.bank, known),
    synonyms,
    notCovered: {
      texts: stack.data.notCovered,
      lexical: new BankLexical(
        stack.data.notCovered.map((text) => ({ text })),
        known,
      ),
    },
  });
}

/** Candidates of one query (a follow-up is resolved against its history, turn by turn, with `model`). */
async function candidatesOf(q: LabelledQuery, model?: FittedRanker): Promise<RankCandidate[]> {
  if (q.source !== 'dev') {
    const vector = stack.index.textVectors.get(q.question);
    const { exclude, excludeNotCovered } = q;
    return (await questionCandidates(stack.units, stats, q.question, { vector, exclude, excludeNotCovered }))
      .candidates;
  }
  const conversation = newConversation('train');
  let previous: PreviousTurn | undefined;
  for (const [i, turn] of [...q.history, q.question].entries()) {
    const resolved = resolveFollowUp(expandContractions(turn), conversation);
    previous = resolved.previous;
    const { candidates } = await questionCandidates(stack.units, stats, resolved.query, { previous });
    if (i === q.history.length) return candidates;
    const top = model ? best(candidates, model) : undefined;
    conversation.turns.push({
      message: turn,
      resolvedQuery: resolved.query,
      kind: 'answer',
      topic: resolved.topic,
      chunkIds: top ? [top.unit.id] : [],
      at: 0,
    });
  }
  return [];
}

function best(candidates: RankCandidate[], model: FittedRanker): (RankCandidate & { p: number }) | undefined {
  let out: (RankCandidate & { p: number }) | undefined;
  for (const c of candidates) {
    const p = model.probability(c.features);
    if (!out || p > out.p) out = { ...c, p };
  }
  return out;
}

const samplesOf = (qs: { q: LabelledQuery; candidates: RankCandidate[] }[]) =>
  qs.flatMap(({ q, candidates }) => candidates.map((c) => ({ x: c.features, y: q.right.includes(c.unit.id) ? 1 : 0 })));

/** Pointwise model (probability: the no-answer decision) plus listwise weights (the order of candidates). */
interface TwoPart extends FittedRanker {
  order: number[];
  score(features: number[]): number;
}
const LISTWISE = !process.argv.includes('--pointwise');
/** `--nc-ranker`: the not-covered bank's questions are also negative rows of the ranker (measured; see below). */
const NC_RANKER = process.argv.includes('--nc-ranker');
function fitBoth(qs: { q: LabelledQuery; candidates: RankCandidate[] }[]): TwoPart {
  const point = fitRanker(samplesOf(qs));
  const order = LISTWISE
    ? fitListwise(
        qs.map(({ q, candidates }) => ({
          x: candidates.map((c) => c.features),
          right: candidates.map((c) => q.right.includes(c.unit.id)),
        })),
        point.mean,
        point.std,
      )
    : [];
  const score = (f: number[]) =>
    LISTWISE
      ? f.reduce(
          (s, v, i) => s + ((v - (point.mean[i] as number)) / (point.std[i] as number)) * (order[i] as number),
          0,
        )
      : point.probability(f);
  return { ...point, order, score };
}

const started = performance.now();
// Stage 1: every query without history; a model fitted on them resolves the follow-ups' earlier turns.
const single = queries.filter((q) => q.history.length === 0);
const stage1 = await Promise.all(single.map(async (q) => ({ q, candidates: await candidatesOf(q) })));
const modelA = fitRanker(samplesOf(stage1.filter((x) => x.q.source !== 'not-covered' || NC_RANKER)));
const multi = await Promise.all(
  queries.filter((q) => q.history.length > 0).map(async (q) => ({ q, candidates: await candidatesOf(q, modelA) })),
);
const all = [...stage1, ...multi];
process.stderr.write(`features for ${all.length} queries in ${Math.round(performance.now() - started)} ms\n`);

// Cross-validation over the dev queries (bank questions are always training data, never evaluated).
const devAll = all.filter((x) => x.q.source === 'dev');
const heldOut = devAll.filter((x) => isHeldOut(x.q.group));
const dev = devAll.filter((x) => !isHeldOut(x.q.group));
const bank = all.filter((x) => x.q.source === 'bank');
/**
 * The not-covered bank's questions as negative rows of the answerability model: only with `--nc-rows` (measured:
 * +12 points CV no_answer recall, but on the held-out quarter false no_answer 0.9 -> 2.6 % and precision 92.9 ->
 * 81.8 %, and the eval suite's answer kind accuracy fell under its bound; README, Retrieval quality). The bank
 * always feeds the not-covered FEATURES. With `--nc-ranker` they are also wrong candidates of the pointwise ranker.
 */
const ncBank = process.argv.includes('--nc-rows') ? all.filter((x) => x.q.source === 'not-covered') : [];

const folds = groupFolds(
  dev.map((x) => (x.q.right.length > 0 ? 1 : 0)),
  dev.map((x) => x.q.group),
  FOLDS,
  SEED,
);
type Item = (typeof dev)[number];
/** The query's candidates ranked by `model`, with what the answerability model reads. */
const rankWith = (model: TwoPart, x: Item) =>
  x.candidates
    .map((c) => ({
      c,
      features: c.features,
      signals: c.signals,
      notCovered: c.notCovered,
      probability: model.probability(c.features),
      score: model.score(c.features),
    }))
    .sort((a, b) => b.score - a.score);
const answerabilityRow = (model: TwoPart, x: Item) => answerabilityFeatures(rankWith(model, x), FEATURE_NAMES);
/** Ranker + answerability model fitted on `train` (dev queries) and the bank. */
function fitAll(train: Item[]) {
  const ranker = fitBoth([...train, ...bank, ...(NC_RANKER ? ncBank : [])]);
  const rows = [...train, ...ncBank].map((x) => answerabilityRow(ranker, x));
  const answerability = fitAnswerability(
    rows,
    [...train, ...ncBank].map((x) => (x.q.right.length > 0 ? 1 : 0)),
  );
  return { ranker, answerability };
}
/** One query's outcome under fitted models: answerability probability, whether the top unit is right, the second. */
function predictOne(models: ReturnType<typeof fitAll>, x: Item) {
  const ranked = rankWith(models.ranker, x);
  const top = ranked[0];
  const second =
    top && ranked.find((r) => r.c.unit.docId !== top.c.unit.docId && jaccard(r.c.unit.text, top.c.unit.text) < 0.5);
  return {
    p: models.answerability.probability(answerabilityFeatures(ranked, FEATURE_NAMES)),
    right: top !== undefined && x.q.right.includes(top.c.unit.id),
    second: second ? { p: second.probability, right: x.q.right.includes(second.c.unit.id) } : undefined,
  };
}
const oof = outOfFold(
  dev,
  dev.map(() => 0),
  folds,
  (train) => fitAll(train),
  predictOne,
);

type Row = { x: Item; r: ReturnType<typeof predictOne> };
/** Answerable single-turn rows, follow-up rows and not-covered rows of a set of predictions. */
const split = (rows: Row[]) => ({
  single: rows.filter(({ x }) => x.q.right.length > 0 && x.q.history.length === 0),
  followUps: rows.filter(({ x }) => x.q.right.length > 0 && x.q.history.length > 0),
  notCovered: rows.filter(({ x }) => x.q.right.length === 0),
});
/** The issue's figures of a set of predictions at no-answer threshold `t`. */
function figuresAt(rows: Row[], t: number) {
  const { single, followUps, notCovered } = split(rows);
  const fna = single.filter(({ r }) => r.p < t).length;
  const declined = notCovered.filter(({ r }) => r.p < t).length;
  const given = fna + declined;
  return {
    falseNoAnswer: fna / single.length,
    noAnswerPrecision: given === 0 ? 1 : declined / given,
    noAnswerRecall: declined / notCovered.length,
    rightUnit: single.filter(({ r }) => r.p >= t && r.right).length / single.length,
    followUpRightUnit: followUps.filter(({ r }) => r.p >= t && r.right).length / Math.max(1, followUps.length),
  };
}
const oofRows: Row[] = dev.map((x, i) => ({ x, r: oof[i]! }));
const { single: single1, followUps, notCovered } = split(oofRows);
const pos = single1.map(({ r }) => r.p).sort((a, b) => a - b);
// The largest threshold that keeps false no_answer at or under the target: the most not-covered questions declined.
const allowed = Math.floor(pos.length * MAX_FALSE_NO_ANSWER);
const threshold = pos[allowed] ?? 0;
const seconds = single1.map(({ r }) => r.second).filter((s): s is { p: number; right: boolean } => s !== undefined);
let secondThreshold = 1;
for (let t = 0.95; t >= 0.05; t -= 0.05) {
  const shown = seconds.filter((s) => s.p >= t);
  if (shown.length > 0 && shown.filter((s) => s.right).length / shown.length >= SECOND_UNIT_PRECISION)
    secondThreshold = Number(t.toFixed(2));
  else if (shown.length > 0) break;
}
const { followUpRightUnit, ...figures } = figuresAt(oofRows, threshold);
for (const t of [0.3, 0.5, 0.7, 0.9]) {
  const shown = seconds.filter((x) => x.p >= t);
  process.stderr.write(
    `  second unit at p >= ${t}: ${shown.length} shown, ${shown.filter((x) => x.right).length} right\n`,
  );
}
const byStyle: Record<string, number> = {};
for (const style of new Set(single1.map(({ x }) => x.q.style))) {
  const rows = single1.filter(({ x }) => x.q.style === style);
  byStyle[`right_unit.${style}`] = rows.filter(({ r }) => r.p >= threshold && r.right).length / rows.length;
}
const cv = {
  ...figures,
  ...byStyle,
  followUpRightUnit,
  answerable: single1.length,
  followUps: followUps.length,
  notCovered: notCovered.length,
  bankQuestions: bank.length,
  notCoveredBankRows: ncBank.length,
};

if (process.argv.includes('--holdout')) {
  // The honest dev figure: models fitted on the non-held-out dev queries (and the bank), at the CV threshold.
  const models = fitAll(dev);
  const rows = heldOut.map((x) => ({ x, r: predictOne(models, x) }));
  const h = figuresAt(rows, threshold);
  const n = split(rows);
  console.log(
    `Held out (${n.single.length} answerable, ${n.notCovered.length} not covered, ${n.followUps.length} follow-ups): ` +
      Object.entries(h)
        .map(([k, v]) => `${k} ${(v * 100).toFixed(1)} %`)
        .join(', '),
  );
}

// The shipped ranker is fitted on everything (dev, follow-ups and bank); the answerability model on the dev queries
// and the not-covered bank.
const final = fitBoth(all.filter((x) => x.q.source !== 'not-covered' || NC_RANKER));
const finalAnswerability = fitAnswerability(
  [...devAll, ...ncBank].map((x) => answerabilityRow(final, x)),
  [...devAll, ...ncBank].map((x) => (x.q.right.length > 0 ? 1 : 0)),
);

const weights: RankerWeights = {
  devHash: await hashDevFiles(),
  features: [...FEATURE_NAMES],
  mean: final.mean,
  std: final.std,
  model: linearModelToJson(final.model, ['other', 'answers']),
  order: final.order.map((w) => Number(w.toPrecision(6))),
  answerability: {
    features: [...ANSWERABILITY_FEATURES],
    mean: finalAnswerability.mean,
    std: finalAnswerability.std,
    model: linearModelToJson(finalAnswerability.model, ['not_covered', 'answerable']),
  },
  noAnswerThreshold: Number(threshold.toFixed(6)),
  secondUnitThreshold: secondThreshold,
  cv: Object.fromEntries(Object.entries(cv).map(([k, v]) => [k, Number(v.toFixed(4))])),
  trainedAt: new Date().toISOString(),
};
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
console.log(
  `Cross-validated on ${single1.length} answerable dev questions, ${notCovered.length} not covered, ${followUps.length} follow-ups:\n` +
    `  right unit ${pct(figures.rightUnit)}, false no_answer ${pct(figures.falseNoAnswer)}, no_answer precision ${pct(figures.noAnswerPrecision)}, ` +
    `recall ${pct(figures.noAnswerRecall)}; follow-ups right unit ${pct(cv.followUpRightUnit)}\n` +
    `  by style: ${Object.entries(byStyle)
      .map(([k, v]) => `${k.replace('right_unit.', '')} ${pct(v)}`)
      .join(', ')}\n` +
    `  no-answer threshold ${threshold.toFixed(3)}, second-unit threshold ${secondThreshold}`,
);
console.log(
  `  logit weights (standardised): ${FEATURE_NAMES.map((f, i) => `${f} ${(weights.model.weights[1]![i]! - weights.model.weights[0]![i]!).toFixed(2)}`).join(', ')}`,
);
if (!process.argv.includes('--dry-run')) {
  await writeFile(RANKER_WEIGHTS_FILE, `${JSON.stringify(weights, null, 1)}\n`, 'utf8');
  console.log(`Wrote ${RANKER_WEIGHTS_FILE}`);
}
process.exit(0);
