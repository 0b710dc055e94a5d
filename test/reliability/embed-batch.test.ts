/**
 * Differential test for issue 9, defect 1: blank, invisible-only and huge texts mixed into concurrent batches must
 * never change anyone else's vector. Every vector is compared with a one-at-a-time call of the real USE-lite, in
 * process and through the worker thread, and the query cache is checked afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';

const NORMAL = [
  'How long does a ketamine infusion last?',
  'What are the side effects of esketamine nasal spray?',
  'Is ketamine approved by the FDA for depression?',
  'How many sessions will I need?',
  'Can ketamine help with suicidal thoughts?',
  'What happens during a treatment session?',
  'Hello', // differs from 'hello' in USE-lite: the cache must not merge them
  'hello',
];
/** Only asked in the second round, so that round mixes cache hits with new model calls. */
const LATER = ['Who should not take ketamine?', 'What is esketamine?'];
/** Roughly 20k characters of real words: a huge but legitimate text. */
const HUGE = 'ketamine therapy for treatment resistant depression '.repeat(385);
/** Empty to a reader: must be refused (code empty_text) and never reach the model. */
const BLANK = ['', '   ', '\u200b', '\u200c', '\u200d', '\ufeff', ' \u200b\u200d\ufeff ', '\n\t'];

/** NORMAL and HUGE interleaved with blank texts, so a blank sits before, between and after real ones. */
const MIXED = [
  BLANK[0],
  ...NORMAL.flatMap((t, i) => [t, BLANK[(i + 1) % BLANK.length] as string]),
  HUGE,
  ...BLANK.slice(1),
] as string[];

const reference = new UseLiteEmbeddings({ batching: false, queryCacheSize: 0 });
const local = new UseLiteEmbeddings();
const inWorker = new UseLiteEmbeddings({ worker: true });
const alone = new Map<string, number[]>();
afterAll(() => inWorker.close());

beforeAll(async () => {
  // One at a time, sequentially: the ground truth.
  for (const t of [...NORMAL, ...LATER, HUGE]) alone.set(t, (await reference.embedDocuments([t]))[0] as number[]);
});

function maxDiff(a: readonly number[], b: readonly number[]): number {
  expect(a).toHaveLength(b.length);
  return Math.max(...a.map((x, i) => Math.abs(x - (b[i] as number))));
}

/** Every non-blank text got exactly its one-at-a-time vector; every blank one was refused with empty_text. */
function expectExact(texts: string[], settled: PromiseSettledResult<number[]>[]): void {
  settled.forEach((r, i) => {
    const text = texts[i] as string;
    const expected = alone.get(text);
    if (expected) {
      expect(r.status, `"${text.slice(0, 40)}"`).toBe('fulfilled');
      expect(maxDiff((r as PromiseFulfilledResult<number[]>).value, expected), `"${text.slice(0, 40)}"`).toBeLessThan(
        1e-6,
      );
    } else {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'empty_text', status: 400 });
    }
  });
}

describe.each([
  ['in-process', local],
  ['worker thread', inWorker],
])('embedding batches with blank and huge texts (%s)', (_where, embeddings) => {
  it('concurrent queries interleaved with blank ones each get the vector of a one-at-a-time call', async () => {
    const settled = await Promise.allSettled(MIXED.map((t) => embeddings.embedQuery(t)));
    expectExact(MIXED, settled);
  });

  it('a second concurrent round (cache hits, new texts and blanks mixed) still gives every query its own vector', async () => {
    const texts = [LATER[0] as string, ...[...MIXED].reverse(), LATER[1] as string];
    expectExact(texts, await Promise.allSettled(texts.map((t) => embeddings.embedQuery(t))));
  });

  it('the query cache holds only right vectors: asked again one by one, every text gets its own vector', async () => {
    for (const t of [...NORMAL, HUGE])
      expect(maxDiff(await embeddings.embedQuery(t), alone.get(t) as number[])).toBeLessThan(1e-6);
    expect(maxDiff(await embeddings.embedQuery('Hello'), await embeddings.embedQuery('hello'))).toBeGreaterThan(1e-3);
  });

  it('embedDocuments gives one-at-a-time vectors for normal and huge texts, and refuses a batch with a blank text', async () => {
    const texts = [...NORMAL, HUGE];
    const vectors = await embeddings.embedDocuments(texts);
    for (const [i, v] of vectors.entries())
      expect(maxDiff(v, alone.get(texts[i] as string) as number[])).toBeLessThan(1e-6);
    for (const blank of BLANK) {
      await expect(embeddings.embedDocuments([NORMAL[0] as string, blank, NORMAL[1] as string])).rejects.toMatchObject({
        code: 'empty_text',
      });
    }
  });
});
