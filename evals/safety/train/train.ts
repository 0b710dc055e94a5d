/**
 * `npm run safety:train` (the offline trainer; the runtime classifier is src/safety/classifier): fits the safety classifier on src/safety/training/*.yaml (+ generated variants),
 * calibrates its thresholds by grouped 5-fold cross-validation, reports CV and dev figures (dev = the existing
 * labelled sets and eval cases, never trained on) and writes src/safety/classifier/weights.json.
 * Flags: --compare (also CV/dev without n-gram features), --dry-run (write nothing), --verbose (list dev misses),
 * --without a.yaml,b.yaml (ablation: leave those training files out; implies --dry-run, since the weights' hash covers
 * every training file), --fixed-thresholds (ablation: no cross-validation, the committed weights' thresholds;
 * about a sixth of the time, implies --dry-run), --no-cv (ablation: fit once, dev figures and the dev trade-off curve
 * only, with the committed thresholds; implies --dry-run), --model linear|wide|mlp, --hidden N, --dropout P, --l2 X,
 * --grams word|char|both, --buckets N, --no-dense, --no-ngrams (model and feature ablations; imply --dry-run),
 * --per-category (per-category decision thresholds, calibrate.ts; implies --dry-run), --answerable-train (the
 * answerable dev questions outside the held-out quarter as general training rows, without the answerable budgets,
 * whose questions are then trained on; writes the weights, being a candidate to ship),
 * --no-answerable-budgets (ablation: the training-row budgets alone, without answerable-budgets.ts; implies --dry-run),
 * --out FILE (write the weights there instead of the bundled file: two candidates trained side by side).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { UseLiteEmbeddings, USE_LITE_MODEL_ID } from '../../../src/embeddings/use-lite.js';
import { mlpToJson } from '../../../src/learn/mlp-file.js';
import { linearModelToJson } from '../../../src/learn/weights-file.js';
import { chooseAnswerableBudgets } from './answerable-budgets.js';
import { budgetLine, calibrate, labelsOf } from './calibrate.js';
import { embedCached } from './embed-cache.js';
import { loadDevSets } from './dev-sets.js';
import {
  FEATURE_VERSION,
  featureDims,
  featurize,
  type FeatureOptions,
} from '../../../src/safety/classifier/features.js';
import { SAFETY_LABELS, type SafetyLabel } from '../../../src/safety/classifier/labels.js';
import { decideLabel, type Thresholds } from '../../../src/safety/classifier/decide.js';
import { type ProbaModel, safetyModelFrom } from '../../../src/safety/classifier/model.js';
import {
  BUNDLED_WEIGHTS_FILE,
  SafetyWeightsSchema,
  WEIGHTS_FORMAT_VERSION,
  type SafetyWeights,
} from '../../../src/safety/classifier/model-file.js';
import { crossValidate, DEFAULT_MODEL, fitModels, predictRow, type Example, type ModelChoice } from './pipeline.js';
import { devCurve, figures, formatBySet, formatFigures } from './report.js';
import { loadSeeds, trainingDataHash } from '../../../src/safety/classifier/training-data.js';
import { variantsOf } from './variants.js';
import { getConfig } from '../../../src/config/env.js';
import { loadCorpusData } from '../../../src/corpus/corpus.js';
import { isHeldOut, loadLabelledQueries } from '../../retrieval/train-data.js';

/** Generated variants per hand-written seed: 4 brings ~410 seeds past the 2,000-prompt minimum of issue 12. */
const VARIANTS_PER_SEED = 4;
/** Seed of the variant generator (any fixed number; changing it changes the data, so bump the generator version). */
const VARIANT_SEED = 2026;

const modelToJson = (m: ProbaModel, labels: readonly string[]) =>
  'hidden' in m ? mlpToJson(m, labels) : linearModelToJson(m, labels);

const argv = process.argv.slice(2);
const args = new Set(argv);
const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const ablation = [
  '--per-category',
  '--model',
  '--hidden',
  '--dropout',
  '--l2',
  '--grams',
  '--buckets',
  '--no-dense',
  '--no-ngrams',
  '--no-cv',
  '--no-answerable-budgets',
].some((f) => argv.includes(f));
const choice: ModelChoice = {
  kind: (flag('--model') as ModelChoice['kind'] | undefined) ?? DEFAULT_MODEL.kind,
  hidden: Number(flag('--hidden') ?? DEFAULT_MODEL.hidden),
  dropout: Number(flag('--dropout') ?? DEFAULT_MODEL.dropout),
  l2: Number(flag('--l2') ?? DEFAULT_MODEL.l2),
};
const without = new Set((argv[argv.indexOf('--without') + 1] ?? '').split(',').filter(Boolean));
if (!argv.includes('--without')) without.clear();
const started = Date.now();
const seeds = loadSeeds().filter((s) => !without.has(s.id.slice(0, s.id.lastIndexOf(':'))));
if (without.size) console.log(`ablation: without ${[...without].join(', ')}`);
// The answerable dev questions of the ranker (as misfires.ts loads them): general negatives for the calibration's
// answerable budgets (calibrate.ts), never trained on. Three quarters calibrate; the fixed held-out quarter
// (isHeldOut) only reports, so the budgets' cost on unseen answerable questions is seen too.
const config = getConfig();
const answerable = (
  await loadLabelledQueries(await loadCorpusData(config.CORPUS_DIR, undefined, undefined, config.INDEX_DIR))
).filter((q) => q.source === 'dev' && q.right.length > 0);
// --answerable-train (ablation): the calibration quarters' answerable questions become general training rows instead
// (the model learns their shape; only the held-out quarter stays unseen), with the training-row budgets alone.
const answerableTrain = args.has('--answerable-train');
// Answerable budgets (answerable-budgets.ts) picked by rule from a grid; --no-answerable-budgets is the ablation.
// Off with --answerable-train: budgets calibrated on questions the model was fitted on would be optimistic.
const answerableBudgets = !args.has('--no-answerable-budgets') && !answerableTrain;
const rows = [
  ...seeds.flatMap((s) =>
    [s.text, ...variantsOf(s.text, s.label, VARIANTS_PER_SEED, VARIANT_SEED)].map((text) => ({
      group: s.id,
      label: s.label,
      text,
    })),
  ),
  ...answerable
    .filter((q) => answerableTrain && !isHeldOut(q.group))
    .map((q) => ({ group: `answerable:${q.group}`, label: 'general' as const, text: q.question })),
];
const dev = loadDevSets();
const embedder = new UseLiteEmbeddings({ batchSize: 64 });
const vectors = await embedCached(
  [...rows.map((r) => r.text), ...dev.map((d) => d.text), ...answerable.map((q) => q.question)],
  USE_LITE_MODEL_ID,
  (b) => embedder.embedDocuments(b),
);
const examples: Example[] = rows.map((r, i) => ({ ...r, vector: vectors[i] as number[] }));
const devVectors = vectors.slice(rows.length, rows.length + dev.length);
const answerableVectors = vectors.slice(rows.length + dev.length);
const counts = Object.fromEntries(
  SAFETY_LABELS.map((l) => [l, examples.filter((e) => e.label === l).length]),
) as Record<SafetyLabel, number>;
console.log(
  `training prompts: ${examples.length} (${seeds.length} seeds) ${JSON.stringify(counts)}; dev items: ${dev.length}; embedded in ${Date.now() - started} ms`,
);

/** The thresholds saved with the committed weights (read without the stale check: only the numbers are used). */
function committedThresholds(): Thresholds {
  return SafetyWeightsSchema.shape.thresholds.parse(JSON.parse(readFileSync(BUNDLED_WEIGHTS_FILE, 'utf8')).thresholds);
}
const fixedThresholds = args.has('--fixed-thresholds') || args.has('--no-cv');

function run(features: FeatureOptions) {
  const t0 = Date.now();
  const oof = fixedThresholds ? [] : crossValidate(examples, features, choice);
  // Fitted before calibrating: the shipped model's outputs on the answerable questions are the held-out ones.
  const xs = examples.map((e) => featurize(e.vector, e.text, features));
  const fitted = fitModels(xs, examples, featureDims(features), choice);
  const asked = answerable.map((q, i) => ({
    held: isHeldOut(q.group),
    ...predictRow(fitted, featurize(answerableVectors[i] as number[], q.question, features)),
  }));
  const perCategory = args.has('--per-category');
  const trainingOnly = fixedThresholds ? committedThresholds() : calibrate(oof, { perCategory });
  const devScored = dev.map((d, i) => ({
    label: d.label,
    scored: predictRow(fitted, featurize(devVectors[i] as number[], d.text, features)),
  }));
  const chosen =
    fixedThresholds || !answerableBudgets || perCategory
      ? undefined
      : chooseAnswerableBudgets(
          oof,
          trainingOnly,
          devScored,
          asked.filter((a) => !a.held),
        );
  if (chosen)
    console.log(
      `answerable budgets (grid):\n  ${chosen.report.join('\n  ')}\nchosen: ${JSON.stringify(chosen.budgets ?? 'none')}`,
    );
  const thresholds = chosen?.thresholds ?? trainingOnly;
  const cvLabels = labelsOf(oof, thresholds);
  const cvTiers = oof.map((r) =>
    r.crisisProbability >= thresholds.crisis
      ? 'crisis'
      : r.crisisProbability >= thresholds.possibleCrisis
        ? 'possible'
        : 'none',
  );
  const cv = figures(
    oof.map((r) => r.gold),
    cvLabels,
    cvTiers,
  );
  const model = safetyModelFrom(fitted.category, fitted.crisis, features, thresholds);
  const out = dev.map((d, i) => model.classify(devVectors[i] as number[], d.text));
  const timings: number[] = [];
  for (let round = 0; round < 3; round++) {
    dev.forEach((d, i) => {
      const t = process.hrtime.bigint();
      model.classify(devVectors[i] as number[], d.text);
      timings.push(Number(process.hrtime.bigint() - t) / 1e6);
    });
  }
  timings.sort((a, b) => a - b);
  const devFigures = figures(
    dev.map((d) => d.label),
    out.map((o) => o.label),
    out.map((o) => o.crisisTier),
  );
  const name = `${choice.kind} ${JSON.stringify(features)}`;
  console.log(
    `\n[${name}] thresholds ${JSON.stringify(thresholds)}, CV + fit in ${Date.now() - t0} ms; classify() p50 ${timings[Math.floor(timings.length / 2)]?.toFixed(3)} ms, p99 ${timings[Math.floor(timings.length * 0.99)]?.toFixed(3)} ms`,
  );
  // What the answerable budgets cost: the same figures under the training-row budgets alone.
  for (const [what, t] of [
    ['training budgets only', trainingOnly],
    ['+ answerable budgets', thresholds],
  ] as const) {
    const alt = safetyModelFrom(fitted.category, fitted.crisis, features, t);
    const d = dev.map((item, i) => alt.classify(devVectors[i] as number[], item.text));
    console.log(budgetLine(what, t, labelsOf(oof, t), oof, d, dev, asked));
  }
  console.log(formatFigures(`CV ${name}`, cv));
  console.log(formatFigures(`DEV ${name}`, devFigures));
  console.log(
    formatBySet(
      dev,
      out.map((o) => o.label),
    ),
  );
  // Abstention check (issue 12 round 6): dev items whose most likely outcome was right but that fell below its
  // threshold and went to retrieval.
  const open = { ...thresholds, decision: 0, perCategory: {} };
  const abstained = (gold: (l: SafetyLabel) => boolean) =>
    dev.filter((d, i) => {
      const o = out[i];
      return gold(d.label) && o?.label === 'general' && decideLabel(o.probabilities, o.crisisTier, open) === d.label;
    }).length;
  const isRefusal = (l: SafetyLabel) => l === 'dosing' || l === 'medical_advice' || l === 'illegal_use';
  console.log(
    `abstained to retrieval although the top outcome was right: refusals ${abstained(isRefusal)}, off-topic ${abstained((l) => l === 'out_of_scope')}`,
  );
  console.log(devCurve(dev, out));
  if (args.has('--verbose')) {
    dev.forEach((d, i) => {
      if (out[i]?.label !== d.label)
        console.log(`  miss ${d.label} → ${out[i]?.label} [${out[i]?.crisisTier}] ${d.text}`);
    });
  }
  return { fitted, thresholds, cv };
}

/** N-gram features on: they raised dev and CV figures in the comparison (see the commit message / --compare). */
const FEATURES: FeatureOptions = {
  ngrams: !args.has('--no-ngrams'),
  ...(flag('--grams') ? { grams: flag('--grams') as FeatureOptions['grams'] } : {}),
  ...(flag('--buckets') ? { buckets: Number(flag('--buckets')) } : {}),
  ...(args.has('--no-dense') ? { noDense: true } : {}),
};
if (args.has('--compare')) run({ ngrams: !FEATURES.ngrams });
const { fitted, thresholds, cv } = run(FEATURES);
await embedder.close();

const weights: SafetyWeights = {
  formatVersion: WEIGHTS_FORMAT_VERSION,
  trainingHash: trainingDataHash(FEATURE_VERSION),
  embeddingModel: USE_LITE_MODEL_ID,
  features: {
    ngrams: FEATURES.ngrams,
    ...(FEATURES.buckets ? { buckets: FEATURES.buckets } : {}),
    ...(FEATURES.grams ? { grams: FEATURES.grams } : {}),
    version: FEATURE_VERSION,
  },
  category: modelToJson(fitted.category, SAFETY_LABELS),
  crisis: modelToJson(fitted.crisis, ['other', 'crisis']),
  thresholds,
  counts,
  cv: {
    accuracy: cv.accuracy,
    crisisRecall: cv.crisisRecall,
    overRefusal: cv.overRefusal,
    crisisFalseAlarm: cv.crisisFalseAlarm,
  },
  trainedAt: new Date().toISOString(),
  trainMs: Date.now() - started,
};
if (!args.has('--dry-run') && !fixedThresholds && !ablation && without.size === 0) {
  const out = flag('--out') ?? BUNDLED_WEIGHTS_FILE;
  writeFileSync(out, `${JSON.stringify(weights)}\n`);
  console.log(`\nwrote ${out} in ${weights.trainMs} ms total`);
}
