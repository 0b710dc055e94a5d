import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

/** The `src/` folders (or top-level files) a folder's modules import, by relative specifier. */
function importedFolders(folder: string): Set<string> {
  const out = new Set<string>();
  for (const file of readdirSync(join(SRC, folder)).filter((f) => f.endsWith('.ts'))) {
    const code = readFileSync(join(SRC, folder, file), 'utf8');
    for (const [, spec] of code.matchAll(/from '(\.\.\/[^']+)'/g)) out.add((spec as string).split('/')[1] as string);
  }
  return out;
}

describe('dependencies point inward', () => {
  it('src/text imports nothing of the project but src/core', () => {
    expect([...importedFolders('text')].filter((f) => f !== 'core')).toEqual([]);
  });

  it('src/corpus imports only text, core and the shared error types (not retrieval)', () => {
    expect([...importedFolders('corpus')].filter((f) => !['text', 'core', 'errors.js'].includes(f))).toEqual([]);
  });

  it('src/retrieval, src/answer and src/safety never import chat or channels', () => {
    for (const folder of ['retrieval', 'answer', 'safety']) {
      expect(
        [...importedFolders(folder)].filter((f) => ['chat', 'channels', 'app.js'].includes(f)),
        folder,
      ).toEqual([]);
    }
  });
});
