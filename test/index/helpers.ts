import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { createLogger } from '../../src/logger.js';
import type { Logger } from '../../src/core/logger.js';

/** A logger that keeps every line it would have written, parsed. */
export function recordingLogger(): Logger & {
  lines: Record<string, unknown>[];
  events: (name: string) => Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'debug',
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return Object.assign(logger, { lines, events: (name: string) => lines.filter((l) => l.event === name) });
}

/**
 * A temp copy of the corpus folder. `only` keeps just those articles (plus synonyms.yaml and their bank entries): rebuild tests embed a
 * small corpus so each rebuild costs a fraction of a second instead of seconds.
 */
export async function copyCorpus(only?: string[]): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'kfb-index-test-')), 'corpus');
  await mkdir(dir);
  await cp(resolve('corpus'), dir, {
    recursive: true,
    filter: (src) => !only || !src.endsWith('.md') || only.some((id) => src.endsWith(`${id}.md`)),
  });
  if (only) {
    // The question bank keeps only the kept articles' entries (an entry of a missing article fails the build).
    await writeFile(join(dir, 'questions.yaml'), await filteredBank(join(dir, 'questions.yaml'), only));
  }
  return dir;
}

/** Filtered bank texts by source text and kept articles: parsing and writing the YAML was most of a copy's cost. */
const banks = new Map<string, string>();

async function filteredBank(file: string, only: string[]): Promise<string> {
  const text = await readFile(file, 'utf8');
  const key = `${only.join('\u0000')}\u0000${text}`;
  const known = banks.get(key);
  if (known !== undefined) return known;
  const bank = parse(text) as { entries: { doc: string }[] };
  const filtered = stringify({ entries: bank.entries.filter((e) => only.includes(e.doc)) });
  banks.set(key, filtered);
  return filtered;
}
