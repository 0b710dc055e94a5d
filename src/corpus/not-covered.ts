import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CorpusError } from '../errors.js';
import { parseYamlFile } from './yaml-file.js';

/** The not-covered bank inside the corpus folder. */
export const NOT_COVERED_FILE = 'not-covered.yaml';

/**
 * `corpus/not-covered.yaml`: questions about ketamine therapy the articles do NOT answer, grouped by family (cost,
 * clinics, law…). Negative examples for the answerability model, the way custom question answering uses them.
 */
export const NotCoveredFileSchema = z.strictObject({
  families: z.record(
    z.string().regex(/^[a-z]+(-[a-z]+)*$/, 'a family name is kebab-case'),
    z.array(z.string().trim().min(3)).min(1),
  ),
});
export type NotCoveredFile = z.infer<typeof NotCoveredFileSchema>;

/** The questions of a parsed file, in file order; a question listed twice (any family, any case) is an error. */
export function notCoveredQuestions(file: NotCoveredFile, name = `corpus/${NOT_COVERED_FILE}`): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const [family, questions] of Object.entries(file.families))
    for (const q of questions) {
      const key = q.toLowerCase().replace(/\s+/g, ' ');
      const first = seen.get(key);
      if (first !== undefined)
        throw new CorpusError(`${name}: "${q}" (${family}) is listed twice (first in ${first}).`);
      seen.set(key, family);
      out.push(q);
    }
  return out;
}

/** Parses and validates the file's text; every problem is a CorpusError naming the file. */
export function parseNotCovered(text: string, name = `corpus/${NOT_COVERED_FILE}`): string[] {
  return notCoveredQuestions(parseYamlFile(text, NotCoveredFileSchema, name), name);
}

/**
 * Reads the file: its text (hashed into the index manifest with the question bank, since its questions are
 * embedded) and its questions. A corpus folder without one has no not-covered bank (text undefined).
 */
export async function loadNotCovered(path: string): Promise<{ text: string | undefined; questions: string[] }> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new CorpusError(`${path} is unreadable (${error.message}).`);
  });
  return { text, questions: text === undefined ? [] : parseNotCovered(text, path) };
}
