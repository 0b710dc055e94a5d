import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseQuestionBank, QuestionBankFileSchema, type QuestionBankFile } from './question-bank.js';

/**
 * The parsed question bank, cached as JSON beside the index (`<INDEX_DIR>/bank-cache.json`), keyed by the sha256 of
 * the YAML text: parsing the ~70 KB `corpus/questions.yaml` with the yaml package took ~90–120 ms of every start
 * (`npm run ask` profile), JSON.parse plus the same zod validation takes under 10 ms. An edited bank has another
 * hash, so a stale cache is never used; a missing, unreadable or invalid cache just means parsing the YAML again.
 */
export const BANK_CACHE_FILE = 'bank-cache.json';

const CacheSchema = z.object({ sha256: z.string().length(64), bank: QuestionBankFileSchema });

/** Options for {@link parseQuestionBankCached}. */
export interface BankCacheOptions {
  /** Folder of the cache file (the index folder); no caching without it. */
  dir?: string;
  /** The YAML parser and validator (tests inject a counting one). */
  parse?: (text: string, file: string) => QuestionBankFile;
}

/** {@link parseQuestionBank}, answered from the cache when it holds this exact text. */
export async function parseQuestionBankCached(
  text: string,
  file: string,
  options: BankCacheOptions = {},
): Promise<QuestionBankFile> {
  const parse = options.parse ?? parseQuestionBank;
  if (!options.dir) return parse(text, file);
  const sha256 = createHash('sha256').update(text).digest('hex');
  const path = join(options.dir, BANK_CACHE_FILE);
  const cached = await readFile(path, 'utf8')
    .then((json) => CacheSchema.safeParse(JSON.parse(json)))
    .catch(() => undefined);
  if (cached?.success && cached.data.sha256 === sha256) return cached.data.bank;
  const bank = parse(text, file);
  // Best effort (a read-only index folder only costs the parse); written whole, then renamed, so a concurrent
  // start never reads half a file.
  try {
    await mkdir(options.dir, { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ sha256, bank }), 'utf8');
    await rename(tmp, path);
  } catch {
    // Nothing to do: the next start parses the YAML again.
  }
  return bank;
}
