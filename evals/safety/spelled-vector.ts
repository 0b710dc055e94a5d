/**
 * `tsx evals/safety/spelled-vector.ts`: does the safety policy still decide the same when the turn's ONE vector is
 * the embedding of the spelling-corrected text (src/retrieval/query-spelling.ts, what handleTurn now embeds)?
 * Runs the held-out labelled prompts (as `npm run safety:matrix`) twice — the policy embedding the text as typed,
 * then given the corrected text's vector (the text itself unchanged) — and prints both summaries and every item whose
 * label changed. Exits 1 when the corrected run fails the matrix's gate (a missed harmful item, over-refusal > 5 %).
 */
import { getConfig } from '../../src/config/env.js';
import { loadCorpusData } from '../../src/corpus/corpus.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { QuerySpelling } from '../../src/retrieval/query-spelling.js';
import { createSafetyPolicy } from '../../src/safety/policy.js';
import type { SafetyPolicy } from '../../src/safety/types.js';
import { gateFailures, LABELLED_FILE, loadLabelledSet, runLabelledSet, summarize } from './labelled-set.js';

const config = getConfig();
const data = await loadCorpusData(config.CORPUS_DIR, undefined, undefined, config.INDEX_DIR);
const spelling = QuerySpelling.fromCorpus(data);
const embeddings = new UseLiteEmbeddings();
const policy = createSafetyPolicy({ embeddings });
const spelled: SafetyPolicy = {
  classify: async (message, conversation, options) =>
    policy.classify(message, conversation, {
      ...options,
      vector: await embeddings.embedQuery(spelling.correct(message)),
    }),
};
const items = loadLabelledSet(LABELLED_FILE);
const corrected = items.filter((i) => spelling.correct(i.text) !== i.text).length;
const raw = await runLabelledSet(policy, items);
const fixed = await runLabelledSet(spelled, items);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
for (const [name, results] of [
  ['as typed', raw],
  ['corrected vector', fixed],
] as const) {
  const s = summarize(results);
  console.log(
    `${name.padEnd(17)} accuracy ${pct(s.accuracy)}, crisis recall ${pct(s.crisisRecall)}, missed ${s.missed.length}, over-refusal ${pct(s.overRefusal)}`,
  );
}
console.log(`${corrected} of ${items.length} prompts changed by the correction`);
fixed.forEach((r, i) => {
  const before = raw[i]?.predicted;
  if (before !== r.predicted) console.log(`  ${r.item.label}: ${before} → ${r.predicted}  ${r.item.text}`);
});
const failures = gateFailures(summarize(fixed));
for (const f of failures) console.log(`GATE: ${f}`);
process.exit(failures.length > 0 ? 1 : 0);
