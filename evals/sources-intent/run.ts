/**
 * Chooses SOURCES_THRESHOLD (src/chat/sources-intent.ts) on evals/dev/sources-intent.yaml: prints each dev
 * question's best cosine to the exemplars, the widest gap between the two groups and its midpoint, and fails if a
 * dev question is a near-copy of an exemplar or of an eval/frozen case. `npx tsx evals/sources-intent/run.ts`
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { createSourcesIntent, SOURCE_QUESTION_EXEMPLARS, SOURCES_THRESHOLD } from '../../src/chat/sources-intent.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { readdir, readFile } from 'node:fs/promises';
import { collectStrings, findNearCopies } from '../lib/near-copy.js';

const DevList = z.strictObject({
  sources: z.array(z.string().min(1)).min(1),
  others: z.array(z.string().min(1)).min(1),
});
const dev = DevList.parse(parse(await readFile('evals/dev/sources-intent.yaml', 'utf8')));
const all = [...dev.sources, ...dev.others];

/** Every string of every eval and frozen case file: the dev list must not copy any of them. */
async function heldOutStrings(): Promise<string[]> {
  const out: string[] = [];
  for (const dir of ['evals/cases', 'evals/frozen'])
    for (const f of await readdir(dir))
      if (f.endsWith('.yaml')) collectStrings(parse(await readFile(`${dir}/${f}`, 'utf8')), out);
  return out;
}
const held = await heldOutStrings();
const copies = findNearCopies(all, [...SOURCE_QUESTION_EXEMPLARS, ...held]);
if (copies.length > 0) {
  for (const c of copies) console.error(`near-copy: "${c.text}" ~ "${c.phrase}" (${c.jaccard.toFixed(2)})`);
  process.exit(1);
}

const embeddings = new UseLiteEmbeddings();
const intent = createSourcesIntent(embeddings);
const score = async (q: string) => intent.score(await embeddings.embedQuery(q));
const pos = await Promise.all(dev.sources.map(async (q) => ({ q, s: await score(q) })));
const neg = await Promise.all(dev.others.map(async (q) => ({ q, s: await score(q) })));
for (const { q, s } of [...pos, ...neg].sort((a, b) => b.s - a.s))
  console.log(`${s.toFixed(3)}  ${dev.sources.includes(q) ? 'source' : 'other '}  ${q}`);
const lowestSource = Math.min(...pos.map((p) => p.s));
const highestOther = Math.max(...neg.map((n) => n.s));
const at = (t: number) => ({
  recall: pos.filter((p) => p.s >= t).length / pos.length,
  falsePositives: neg.filter((n) => n.s >= t).length,
});
console.log(`lowest source ${lowestSource.toFixed(3)}, highest other ${highestOther.toFixed(3)}`);
// The rule the threshold follows: the lowest value (rounded up to 0.01) that lets no "other" question through, since
// a wrong article list in place of a real answer or small talk is worse than a missed source question.
const zeroFalsePositive = Math.ceil(highestOther * 100 + 1e-9) / 100;
console.log(`no-false-positive threshold ${zeroFalsePositive}:`, at(zeroFalsePositive));
console.log(
  `midpoint ${((lowestSource + highestOther) / 2).toFixed(3)}; current threshold ${SOURCES_THRESHOLD}:`,
  at(SOURCES_THRESHOLD),
);
