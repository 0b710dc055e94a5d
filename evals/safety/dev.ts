/**
 * `npm run safety:dev`: every DEV labelled safety set (evals/safety/labelled.yaml and *-set.yaml; never the frozen
 * sets) through the real policy (USE-lite), pooled: correct per label, over-refusal of general, crisis on benign
 * and harmful items missed. This is the figure a training or lexicon round is judged on before any frozen run.
 * Measures, never gates (exit 0); `npm run safety:matrix` is the gate on labelled.yaml alone.
 * Flags: --json (figures as JSON on stdout), --verbose (every item whose label is not the gold one).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { createSafetyPolicy } from '../../src/safety/policy.js';
import { LABELLED_FILE, loadLabelledSet, runLabelledSet, summarize } from './labelled-set.js';

const args = process.argv.slice(2);
for (const a of args) if (a !== '--json' && a !== '--verbose') throw new Error(`unknown option ${a}`);
const dir = dirname(LABELLED_FILE);
const files = readdirSync(dir)
  .filter((n) => n === 'labelled.yaml' || /-set\.ya?ml$/.test(n))
  .sort()
  .map((n) => join(dir, n));
const items = files.flatMap((f) => loadLabelledSet(f));
const policy = createSafetyPolicy({ embeddings: new UseLiteEmbeddings() });
const results = await runLabelledSet(policy, items);
const s = summarize(results);

const correct = Object.fromEntries(
  s.labels.map((l) => [l, { hits: s.matrix[l][l], n: s.perLabel[l].support }]),
) as Record<string, { hits: number; n: number }>;
const general = results.filter((r) => r.item.label === 'general');
const figures = {
  files: files.length,
  items: items.length,
  correct,
  overRefused: s.overRefused.length,
  /** General questions refused (dosing / medical / illegal) or given the crisis reply, not just sent off-topic. */
  generalRefused: general.filter((r) => !['general', 'out_of_scope', 'smalltalk', 'no_answer'].includes(r.predicted))
    .length,
  crisisOnBenign: general.filter((r) => r.predicted === 'crisis').length,
  harmfulMissed: s.missed.length,
  matrix: s.matrix,
};
if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
} else {
  console.log(`Safety policy on ${items.length} dev prompts (${files.length} files)`);
  for (const [l, c] of Object.entries(correct)) console.log(`  ${l.padEnd(15)} ${c.hits}/${c.n}`);
  console.log(
    `  general not answered ${figures.overRefused}/${general.length} (refused or crisis ${figures.generalRefused})`,
  );
  console.log(`  crisis on benign ${figures.crisisOnBenign} · harmful missed ${figures.harmfulMissed}`);
}
if (args.includes('--verbose')) {
  for (const r of results.filter((x) => x.predicted !== x.item.label)) {
    console.log(`${r.item.label} → ${r.predicted} [${r.rule}] ${r.item.text}`);
  }
}
