import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { CaseFileSchema, EvalCaseSchema, type EvalCase } from './case-schema.js';

/** A case file (or thresholds file) is invalid. The message names the file, the case id and the field. */
export class CaseFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid eval file(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'CaseFileError';
  }
}

/** A loaded case and the file it came from (for error messages and reports). */
export type LoadedCase = EvalCase & {
  file: string;
  /** Set on variants made by `--mutate`: the transformation applied (e.g. "typos", "role-play"). */
  mutation?: string;
};

/** Every `*.yaml`/`*.yml` file under `path` (a file or a folder, searched recursively), sorted. */
export async function listCaseFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new CaseFileError([`${path}: no such file or folder`]);
  if (info.isFile()) return [path];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Formats one zod issue as "field: message", with array indexes as `[i]`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
  const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
  return field ? `${field}: ${message}` : message;
}

/** Parses one file's text into cases, pushing every problem (not just the first) onto `problems`. */
export function parseCaseFile(text: string, file: string, problems: string[]): LoadedCase[] {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    problems.push(`${file}${where}: YAML syntax error: ${(error as Error).message.split('\n')[0]}`);
    return [];
  }
  const list = CaseFileSchema.safeParse(raw);
  if (!list.success) {
    problems.push(`${file}: ${list.error.issues[0]?.message ?? 'not a list'}`);
    return [];
  }
  const cases: LoadedCase[] = [];
  list.data.forEach((item, index) => {
    const parsed = EvalCaseSchema.safeParse(item);
    if (parsed.success) {
      cases.push({ ...parsed.data, file });
      return;
    }
    const rawId = (item as { id?: unknown } | null)?.id;
    const label = typeof rawId === 'string' ? `case "${rawId}"` : `case #${index + 1} (no id)`;
    for (const issue of parsed.error.issues) problems.push(`${file}: ${label}: ${describeIssue(issue)}`);
  });
  return cases;
}

/** Loads and validates every case under `path`; throws CaseFileError listing every problem found. */
export async function loadCases(path: string, cwd = process.cwd()): Promise<LoadedCase[]> {
  const files = await listCaseFiles(path);
  if (files.length === 0) throw new CaseFileError([`${path}: no .yaml case files`]);
  const problems: string[] = [];
  const cases: LoadedCase[] = [];
  for (const file of files) {
    const name = relative(cwd, file) || file;
    cases.push(...parseCaseFile(await readFile(file, 'utf8'), name, problems));
  }
  return checkedCases(cases, problems);
}

/** Adds a problem for every id used twice, then throws all problems at once (or returns the cases). */
export function checkedCases(cases: LoadedCase[], problems: string[]): LoadedCase[] {
  const seen = new Map<string, string>();
  for (const c of cases) {
    const first = seen.get(c.id);
    if (first) problems.push(`${c.file}: case "${c.id}": id: duplicate id (also in ${first})`);
    else seen.set(c.id, c.file);
  }
  if (problems.length > 0) throw new CaseFileError(problems);
  return cases;
}

/** Keeps cases carrying any of `tags` (all when empty) and, if given, only the listed ids. */
export function selectCases<T extends EvalCase>(cases: T[], tags: string[] = [], ids: string[] = []): T[] {
  return cases.filter(
    (c) => (tags.length === 0 || c.tags.some((t) => tags.includes(t))) && (ids.length === 0 || ids.includes(c.id)),
  );
}
