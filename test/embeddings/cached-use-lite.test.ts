import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedUseLiteModel } from '../helpers/cached-use-lite.js';

const dirs: string[] = [];
/** A fresh temporary cache folder, removed after the file. */
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'kfb-vectors-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A model whose vectors depend on the text and on how many times it was asked (so a reused vector shows). */
function countingModel() {
  const calls: string[][] = [];
  return {
    calls,
    load: async () => ({
      embed: async (texts: string[]) => {
        calls.push(texts);
        return texts.map((t) => [t.length, calls.length, 0.1 + 1 / 3]);
      },
    }),
  };
}

describe('cachedUseLiteModel (the test-only disk memo of model vectors)', () => {
  it('embeds only texts it has not seen, and a later process reuses the saved vectors exactly', async () => {
    const dir = tempDir();
    const first = countingModel();
    const a = cachedUseLiteModel('t', dir, first.load);
    const vectors = await a.embed(['one', 'two']);
    expect(await a.embed(['two', 'three'])).toEqual([vectors[1], [5, 2, 0.1 + 1 / 3]]);
    expect(first.calls).toEqual([['one', 'two'], ['three']]);
    a.save();

    const second = countingModel();
    const b = cachedUseLiteModel('t', dir, second.load);
    expect(await b.embed(['three', 'one'])).toEqual([[5, 2, 0.1 + 1 / 3], vectors[0]]);
    expect(second.calls).toEqual([]);
  });

  it('a file of another model, or a corrupt one, is a cold cache', async () => {
    const dir = tempDir();
    // A vector for 'one' under the right key (SHA-256 of the text), but of another model: never reused.
    const one = createHash('sha256').update('one').digest('hex');
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ model: 'another model', vectors: { [one]: [9, 9, 9] } }));
    writeFileSync(join(dir, 'broken.json'), '{"model": "trunc');
    for (const name of ['other', 'broken']) {
      const model = countingModel();
      await cachedUseLiteModel(name, dir, model.load).embed(['one']);
      expect(model.calls, name).toEqual([['one']]);
    }
  });

  it('save merges with vectors another worker wrote meanwhile', async () => {
    const dir = tempDir();
    const a = cachedUseLiteModel('t', dir, countingModel().load);
    const b = cachedUseLiteModel('t', dir, countingModel().load);
    await a.embed(['from a']);
    await b.embed(['from b']);
    a.save();
    b.save();
    const later = countingModel();
    await cachedUseLiteModel('t', dir, later.load).embed(['from a', 'from b']);
    expect(later.calls).toEqual([]);
  });
});
