import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { CaseFileError, checkedCases, parseCaseFile, type LoadedCase } from '../load-cases.js';

/** Where the frozen sets live, and which of them are answer sets. */
export const FROZEN_DIR = 'evals/frozen';
export const ANSWER_FILE_PATTERN = /^answers-.*\.ya?ml$/;

/** `evals/frozen/answers-*.yaml`, sorted (other frozen sets in the folder are not answer sets). */
export async function listFrozenAnswerFiles(dir = FROZEN_DIR): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => ANSWER_FILE_PATTERN.test(n))
    .sort()
    .map((n) => join(dir, n));
}

/**
 * Loads the files with the eval suite's own parser (same schema, same messages) and rejects duplicate ids
 * across them; throws CaseFileError listing every problem.
 */
export async function loadFrozenCases(files: string[], cwd = process.cwd()): Promise<LoadedCase[]> {
  if (files.length === 0) throw new CaseFileError([`${FROZEN_DIR}: no answers-*.yaml files`]);
  const problems: string[] = [];
  const cases: LoadedCase[] = [];
  for (const file of files) {
    const name = relative(cwd, file) || file;
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) problems.push(`${name}: no such file`);
    else cases.push(...parseCaseFile(text, name, problems));
  }
  return checkedCases(cases, problems);
}
