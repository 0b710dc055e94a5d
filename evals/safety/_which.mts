import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { createSafetyPolicy } from '../../src/safety/policy.js';
import { loadLabelledSet, runLabelledSet } from './labelled-set.js';
const policy = await createSafetyPolicy({ embeddings: new UseLiteEmbeddings(), cacheDir: '.index' });
for (const f of ['evals/safety/labelled.yaml', 'evals/safety/second-set.yaml']) {
  const res = await runLabelledSet(policy, loadLabelledSet(f));
  for (const r of res) if (r.rule.startsWith('ex-') || r.rule.startsWith('scope:') || r.rule.startsWith('context:')) console.log(r.item.label.padEnd(15), r.predicted.padEnd(15), r.rule.padEnd(18), r.item.text);
}
