import { Normalizer } from '../../src/safety/normalize.ts';
import { loadPolicyFile } from '../../src/safety/policy-file.ts';
const { policy } = loadPolicyFile();
const n = new Normalizer(policy.normalize);
for (const m of process.argv.slice(2)) console.log(JSON.stringify(n.normalize(m)));
