/**
 * Removes from `corpus/not-covered.yaml` every question that is a near-copy (character 3-gram Jaccard ≥ 0.6) of a
 * turn of any frozen answer set, and prints only the removed not-covered questions — never the frozen text (like
 * scripts/prune-bank-near-copies.ts for the question bank). Run it after adding not-covered questions:
 * `npx tsx scripts/prune-not-covered-near-copies.ts`. Comments and the family layout are kept.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { listFrozenAnswerFiles, loadFrozenCases } from '../evals/lib/frozen/load.js';
import { findNearCopies, normaliseForNearCopy } from '../evals/lib/near-copy.js';

const FILE = 'corpus/not-covered.yaml';
const turns = (await loadFrozenCases(await listFrozenAnswerFiles())).flatMap((c) => c.turns);
const doc = parseDocument(await readFile(FILE, 'utf8'));
const families = doc.get('families');
if (!isMap(families)) throw new Error(`${FILE}: no families map`);
const lists = families.items.map((pair) => pair.value).filter(isSeq);
const all = lists.flatMap((qs) => qs.items.filter(isScalar).map((q) => String(q.value)));
const copied = new Set(findNearCopies(turns, all).map((h) => normaliseForNearCopy(h.phrase)));
let removed = 0;
for (const qs of lists)
  qs.items = qs.items.filter((q) => {
    const drop = isScalar(q) && copied.has(normaliseForNearCopy(String(q.value)));
    if (drop) {
      removed++;
      console.log(`removed: ${String((q as { value: unknown }).value)}`);
    }
    return !drop;
  });
await writeFile(FILE, doc.toString({ lineWidth: 0 }));
console.log(`${removed} not-covered question(s) removed`);
