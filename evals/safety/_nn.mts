import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { loadPolicyFile } from '../../src/safety/policy-file.js';
import { Normalizer } from '../../src/safety/normalize.js';
import { buildExemplarIndex, scoreNeighbours } from '../../src/safety/exemplar-index.js';
import { silentLogger } from '../../src/logger.js';
const { policy } = loadPolicyFile();
const n = new Normalizer(policy.normalize);
const e = new UseLiteEmbeddings();
const { exemplars } = await buildExemplarIndex(policy.exemplars.map((x) => ({ ...x, text: n.normalize(x.text) })), { embeddings: e, modelId: 'x', keySource: 'dbg', logger: silentLogger });
for (const m of process.argv.slice(2)) {
  const s = scoreNeighbours(await e.embedQuery(n.normalize(m)), exemplars, policy.classifier.k);
  console.log(m, '=>', [...s.byLabel.entries()].sort((a, b) => b[1] - a[1]).map(([l, v]) => `${l}:${v.toFixed(2)}`).join(' '), s.exemplarId);
}
