import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import type { Chunk } from '../corpus/chunk.js';
import { parseQuestionBank, resolveQuestionBank, type QuestionBankFile } from '../corpus/question-bank.js';
import { BadRequestError } from '../errors.js';

type Entry = QuestionBankFile['entries'][number];

/**
 * An entry anchoring `unit` the way `corpus/questions.yaml` does: the first of its sentences that the bank resolver
 * finds in this unit only (with the section heading when the sentence alone is ambiguous).
 */
export function anchorFor(unit: Chunk, units: Chunk[]): Omit<Entry, 'questions'> {
  for (const withSection of [false, true]) {
    for (const s of unit.sentences) {
      if (s.text.trim().length < 8) continue;
      const entry: Entry = {
        doc: unit.docId,
        anchor: s.text,
        ...(withSection && unit.section ? { section: unit.section } : {}),
        questions: ['probe'],
      };
      try {
        if (resolveQuestionBank({ entries: [entry] }, units, { headings: false })[0]?.unitId === unit.id) {
          const { questions: _, ...anchor } = entry;
          return anchor;
        }
      } catch {
        // Ambiguous or not found with this sentence: try the next one.
      }
    }
  }
  throw new BadRequestError(`Unit ${unit.id} has no sentence that anchors it uniquely.`, 'unit_not_anchorable');
}

/** Reads the accepted-questions file (`{ entries: [] }` when it does not exist yet). */
export async function readAccepted(file: string): Promise<QuestionBankFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { entries: [] };
  }
  return parseQuestionBank(text, file);
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Adds `question` to `unit` in the accepted-questions file. Writes are serialised in this process and atomic on
 * disk (temp file + rename), so a crash leaves the old file or the new one, never half of it. Returns false when
 * the question was already there.
 */
export function addAccepted(file: string, unit: Chunk, units: Chunk[], question: string): Promise<boolean> {
  const run = queue.then(async () => {
    const bank = await readAccepted(file);
    const anchor = anchorFor(unit, units);
    let entry = bank.entries.find(
      (e) => e.doc === anchor.doc && e.anchor === anchor.anchor && e.section === anchor.section,
    );
    if (entry?.questions.some((q) => q.toLowerCase() === question.toLowerCase())) return false;
    if (entry) entry.questions.push(question);
    else {
      entry = { ...anchor, questions: [question] };
      bank.entries.push(entry);
    }
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
    const header =
      '# Alternate questions accepted in the staff review (/admin, npm run review). Same format as corpus/questions.yaml.\n';
    try {
      await writeFile(tmp, header + stringify(bank), 'utf8');
      await rename(tmp, file);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return true;
  });
  queue = run.catch(() => undefined);
  return run;
}
