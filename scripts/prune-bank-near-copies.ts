/**
 * Removes from `corpus/questions.yaml` every bank question that is a near-copy (character 3-gram Jaccard ≥ 0.6) of
 * a turn of any frozen answer set, and prints only the removed bank questions — never the frozen text, so whoever
 * runs it learns nothing about the held-out questions. Run it after adding bank questions or a frozen set:
 * `npx tsx scripts/prune-bank-near-copies.ts`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { listFrozenAnswerFiles, loadFrozenCases } from '../evals/lib/frozen/load.js';
import { findNearCopies, normaliseForNearCopy } from '../evals/lib/near-copy.js';

const BANK = 'corpus/questions.yaml';
const cases = await loadFrozenCases(await listFrozenAnswerFiles());
const turns = cases.flatMap((c) => c.turns);
const doc = parseDocument(await readFile(BANK, 'utf8'));
const entries = doc.get('entries');
if (!isSeq(entries)) throw new Error(`${BANK}: no entries list`);
const all: string[] = [];
for (const entry of entries.items)
  if (isMap(entry)) {
    const qs = entry.get('questions');
    if (isSeq(qs)) for (const q of qs.items) if (isScalar(q)) all.push(String(q.value));
  }
const copied = new Set(findNearCopies(turns, all).map((h) => normaliseForNearCopy(h.phrase)));
let removed = 0;
for (const entry of entries.items) {
  if (!isMap(entry)) continue;
  const qs = entry.get('questions');
  if (!isSeq(qs)) continue;
  qs.items = qs.items.filter((q) => {
    const drop = isScalar(q) && copied.has(normaliseForNearCopy(String(q.value)));
    if (drop) {
      removed++;
      console.log(`removed: ${String((q as { value: unknown }).value)}`);
    }
    return !drop;
  });
}
await writeFile(BANK, doc.toString({ lineWidth: 0 }));
console.log(`${removed} bank question(s) removed`);
