import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { CorpusError } from '../errors.js';

/**
 * Parses a content file's YAML text and validates it with `schema`; every problem (bad YAML, first schema issue) is a
 * CorpusError naming the file, so a broken content file fails the build with a message a content editor can act on.
 */
export function parseYamlFile<S extends z.ZodType>(text: string, schema: S, name: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new CorpusError(`${name} is not valid YAML (${(error as Error).message}).`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorpusError(`${name}: "${issue?.path.join('.') || '?'}": ${issue?.message}.`);
  }
  return parsed.data;
}
