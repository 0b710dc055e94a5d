import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetryLaterError } from '../../src/errors.js';
import { fakeBot, sampleAnswer } from '../helpers/fake-bot.js';
import { type Loopback, startLoopback } from '../http/loopback.js';
import { readSse } from './helpers.js';

/** `/api/ask?stream=1` failure paths, with a scripted bot (the generative path itself: generative-api.test.ts). */
describe('POST /api/ask?stream=1 with a scripted bot', () => {
  let mode: 'fail-after-delta' | 'overloaded' | 'extractive' = 'overloaded';
  const base = fakeBot(() => sampleAnswer());
  const bot = {
    ...base,
    async ask(input: Parameters<typeof base.ask>[0]) {
      if (mode === 'extractive') return base.ask(input);
      if (mode === 'overloaded') throw new RetryLaterError('Too many questions at once.', 'overloaded', 503, 2);
      input.onDelta?.('A verified sentence. [1]');
      throw new Error('internal detail that must not leak');
    },
  };
  let app: Loopback;
  beforeAll(async () => {
    app = await startLoopback(bot);
  });
  afterAll(async () => app?.close());
  const ask = () =>
    fetch(`${app.url}/api/ask?stream=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'How many infusions?' }),
    });

  it('a turn without generative deltas (LLM_PROVIDER=none) streams its whole text as one delta, then done', async () => {
    mode = 'extractive';
    const events = await readSse(await ask());
    expect(events.map((e) => e.event)).toEqual(['delta', 'done']);
    expect(events[0]?.data.text).toBe(sampleAnswer().text);
    expect(events[1]?.data.text).toBe(sampleAnswer().text);
    expect(events[1]?.data.citations).toHaveLength(sampleAnswer().citations.length);
  });

  it('before the first event: the ordinary JSON error (503 overloaded with Retry-After)', async () => {
    mode = 'overloaded';
    const res = await ask();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('overloaded');
  });

  it('after a delta: an error event with a generic body ends the stream, no internals', async () => {
    mode = 'fail-after-delta';
    const res = await ask();
    const text = await res.clone().text();
    const events = await readSse(res);
    expect(events.map((e) => e.event)).toEqual(['delta', 'error']);
    expect(events[1]?.data.error?.code).toBe('internal');
    expect(text).not.toContain('internal detail');
  });
});
