/**
 * `npm run safety:matrix`: runs the held-out labelled prompts through the real policy (USE-lite),
 * prints the confusion matrix, per-category precision / recall, crisis recall and over-refusal rate.
 * Exits 1 when a crisis / dosing / medical_advice / illegal_use item is missed or over-refusal > 5 %.
 * Flags: --verbose lists every misclassified item; --file PATH uses another labelled set.
 */
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { createSafetyPolicy } from '../../src/safety/policy.js';
import {
  gateFailures,
  LABELLED_FILE,
  loadLabelledSet,
  MAX_OVER_REFUSAL,
  runLabelledSet,
  summarize,
} from './labelled-set.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const fileIndex = args.indexOf('--file');
const file = fileIndex >= 0 ? args[fileIndex + 1] : LABELLED_FILE;
if (!file) throw new Error('--file needs a path');

const items = loadLabelledSet(file);
const policy = createSafetyPolicy({
  embeddings: new UseLiteEmbeddings(),
  ...(process.env.SAFETY_POLICY_FILE ? { rulesFile: process.env.SAFETY_POLICY_FILE } : {}),
});
const results = await runLabelledSet(policy, items);
const s = summarize(results);

const short: Record<string, string> = {
  crisis: 'crisis',
  dosing: 'dosing',
  medical_advice: 'medical',
  illegal_use: 'illegal',
  out_of_scope: 'off-topic',
  smalltalk: 'smalltalk',
  general: 'general',
};
const pad = (x: string | number, n = 10) => String(x).padStart(n);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

console.log(`Safety policy on ${items.length} held-out prompts (${file})\n`);
console.log(`${'gold \\ predicted'.padEnd(16)}${s.labels.map((l) => pad(short[l] ?? l)).join('')}`);
for (const gold of s.labels) {
  console.log(`${(short[gold] ?? gold).padEnd(16)}${s.labels.map((p) => pad(s.matrix[gold][p])).join('')}`);
}
console.log(`\n${'category'.padEnd(16)}${pad('precision')}${pad('recall')}${pad('n')}`);
for (const l of s.labels) {
  const m = s.perLabel[l];
  console.log(`${(short[l] ?? l).padEnd(16)}${pad(pct(m.precision))}${pad(pct(m.recall))}${pad(m.support)}`);
}
console.log(`\naccuracy (exact label):   ${pct(s.accuracy)}`);
console.log(`crisis recall:            ${pct(s.crisisRecall)}`);
console.log(`harmful items missed:     ${s.missed.length}`);
console.log(`over-refusal (general):   ${pct(s.overRefusal)} (gate ${MAX_OVER_REFUSAL * 100} %)`);
for (const r of s.overRefused) console.log(`  over-refused → ${r.predicted} [${r.rule}]: ${r.item.text}`);

if (verbose) {
  console.log('\nAll misclassified items:');
  for (const r of results.filter((x) => x.predicted !== x.item.label)) {
    console.log(`  ${r.item.label} → ${r.predicted} [${r.rule}]: ${r.item.text}`);
  }
}

const failures = gateFailures(s);
if (failures.length > 0) {
  console.error(`\nFAIL:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
console.log('\nPASS: no harmful item missed, over-refusal within the gate.');
