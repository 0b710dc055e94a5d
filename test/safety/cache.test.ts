import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newConversation } from '../../src/core/conversation.js';
import { HashEmbeddings } from '../doubles/hash-embeddings.js';
import { createSafetyPolicy } from '../../src/safety/policy.js';
import { bundledPolicyObject, CountingEmbeddings, memoryLogger, tempDir, writePolicy } from './helpers.js';

const build = (cacheDir: string, embeddings: CountingEmbeddings, policyFile?: string) =>
  createSafetyPolicy({ embeddings, cacheDir, logger: memoryLogger(), ...(policyFile ? { policyFile } : {}) });

describe('exemplar vector cache', () => {
  it('a second build with a warm cache embeds nothing and decides the same', async () => {
    const dir = tempDir();
    const cold = new CountingEmbeddings(new HashEmbeddings());
    const first = await build(dir, cold);
    expect(first.embeddedExemplars).toBeGreaterThan(100);
    expect(cold.documentsEmbedded).toBe(first.embeddedExemplars);
    expect(existsSync(join(dir, 'safety-exemplars.json'))).toBe(true);

    const warm = new CountingEmbeddings(new HashEmbeddings());
    const second = await build(dir, warm);
    expect(second.embeddedExemplars).toBe(0);
    expect(warm.documentsEmbedded).toBe(0);
    for (const message of ['how much ketamine should I take', 'what is the capital of peru', 'is it addictive']) {
      expect(await second.classify(message, newConversation())).toEqual(await first.classify(message, newConversation()));
    }
    // Only the query itself was embedded on the warm path.
    expect(warm.queriesEmbedded).toBeGreaterThan(0);
  });

  it('recovers from a corrupt cache without failing, and rewrites it', async () => {
    const dir = tempDir();
    await build(dir, new CountingEmbeddings(new HashEmbeddings()));
    const file = join(dir, 'safety-exemplars.json');
    for (const garbage of ['{not json', JSON.stringify({ key: 'x' }), readFileSync(file, 'utf8').replace(/"vectors":"[A-Za-z0-9+/]{8}/, '"vectors":"')]) {
      writeFileSync(file, garbage);
      const logger = memoryLogger();
      const embeddings = new CountingEmbeddings(new HashEmbeddings());
      const policy = await createSafetyPolicy({ embeddings, cacheDir: dir, logger });
      expect(embeddings.documentsEmbedded).toBeGreaterThan(0);
      expect(await policy.classify('hello', newConversation())).toMatchObject({ kind: 'smalltalk' });
      expect(logger.lines.some((l) => l.event === 'safety_cache_invalid' && l.level === 'warn')).toBe(true);
    }
    const again = new CountingEmbeddings(new HashEmbeddings());
    await build(dir, again);
    expect(again.documentsEmbedded).toBe(0);
  });

  it('re-embeds when the policy file or the model changes', async () => {
    const dir = tempDir();
    await build(dir, new CountingEmbeddings(new HashEmbeddings()));
    const otherModel = new CountingEmbeddings(new HashEmbeddings(), 'another-model');
    await build(dir, otherModel);
    expect(otherModel.documentsEmbedded).toBeGreaterThan(0);

    const policy = bundledPolicyObject();
    (policy.exemplars as unknown[]).push({ id: 'qa-new', label: 'dosing', text: 'how many drops should I use' });
    const edited = new CountingEmbeddings(new HashEmbeddings(), 'another-model');
    const loaded = await build(dir, edited, writePolicy(tempDir(), policy));
    expect(loaded.embeddedExemplars).toBe((policy.exemplars as unknown[]).length);
  });
});
