/**
 * `npm run bank:prune`: removes from the question bank (`corpus/questions.yaml`) and the not-covered bank
 * (`corpus/not-covered.yaml`) every question that is a near-copy (character 3-gram Jaccard ≥ 0.6) of a turn of any
 * frozen answer set, and prints only the removed bank questions — never the frozen text, so whoever runs it learns
 * nothing about the held-out questions. Run it after adding bank questions or a frozen set. Comments and layout stay.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { type Document, isMap, isScalar, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import { listFrozenAnswerFiles, loadFrozenCases } from '../evals/lib/frozen/load.js';
import { findNearCopies, normaliseForNearCopy } from '../evals/lib/near-copy.js';

const turns = (await loadFrozenCases(await listFrozenAnswerFiles())).flatMap((c) => c.turns);

/** The question lists of each bank file: per entry (question bank) or per family (not-covered bank). */
const BANKS: { file: string; lists: (doc: Document) => YAMLSeq[] }[] = [
  {
    file: 'corpus/questions.yaml',
    lists: (doc) => {
      const entries = doc.get('entries');
      if (!isSeq(entries)) throw new Error('corpus/questions.yaml: no entries list');
      return entries.items.flatMap((e) =>
        isMap(e) && isSeq(e.get('questions')) ? [e.get('questions') as YAMLSeq] : [],
      );
    },
  },
  {
    file: 'corpus/not-covered.yaml',
    lists: (doc) => {
      const families = doc.get('families');
      if (!isMap(families)) throw new Error('corpus/not-covered.yaml: no families map');
      return families.items.map((pair) => pair.value).filter(isSeq);
    },
  },
];

for (const { file, lists: listsOf } of BANKS) {
  const doc = parseDocument(await readFile(file, 'utf8'));
  const lists = listsOf(doc);
  const all = lists.flatMap((qs) => qs.items.filter(isScalar).map((q) => String(q.value)));
  const copied = new Set(findNearCopies(turns, all).map((h) => normaliseForNearCopy(h.phrase)));
  let removed = 0;
  for (const qs of lists)
    qs.items = qs.items.filter((q) => {
      const drop = isScalar(q) && copied.has(normaliseForNearCopy(String(q.value)));
      if (drop) {
        removed++;
        console.log(`removed from ${file}: ${String((q as { value: unknown }).value)}`);
      }
      return !drop;
    });
  await writeFile(file, doc.toString({ lineWidth: 0 }));
  console.log(`${file}: ${removed} question(s) removed`);
}
