import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBot } from '../../src/chat/create-bot.js';
import { FOOTER } from '../../src/chat/handle-turn.js';
import type { ReplyBody } from '../../src/core/reply.js';
import type { LlmStubServer, StubCompletion } from '../doubles/llm-stub-server.js';
import { type Loopback, post, startLoopback } from '../http/loopback.js';
import { botWithStub, type GoodAnswer, goodAnswer, QUESTION, readSse } from './helpers.js';

describe('generative answers through POST /api/ask, with an OpenAI-compatible stub server', () => {
  let bot: LoadedBot;
  let stub: LlmStubServer;
  let good: GoodAnswer;
  let logger: Awaited<ReturnType<typeof botWithStub>>['logger'];
  let app: Loopback;
  let extractive: string;

  beforeAll(async () => {
    ({ bot, stub, logger } = await botWithStub());
    good = await goodAnswer(bot);
    app = await startLoopback(bot);
    extractive = `${(await bot.answerer.answer(QUESTION)).text}\n\n${FOOTER}`;
  });
  afterAll(async () => {
    await app?.close();
    await stub?.close();
  });

  async function ask(completion: StubCompletion, message = QUESTION): Promise<ReplyBody> {
    stub.respond(completion);
    logger.lines.length = 0;
    const res = await post(`${app.url}/api/ask`, JSON.stringify({ message }));
    expect(res.status).toBe(200);
    return res.json as ReplyBody;
  }
  const lastEvent = (name: string) => logger.events(name).at(-1);

  it('a good answer: the model text, renumbered [1][2], each quote the verbatim article unit', async () => {
    const before = stub.requests.length;
    const reply = await ask({ kind: 'stream', text: good.text });
    expect(reply.kind).toBe('answer');
    expect(reply.text).toBe(
      'Ketamine works by increasing levels of a neurotransmitter called glutamate in the brain. [1] ' +
        'This action is thought to be responsible for its antidepressant effects. [1] ' +
        `${good.second}. [2]\n\n${FOOTER}`,
    );
    expect(reply.citations.map((c) => c.chunkId)).toEqual(['is-ketamine-good-for-depression#1', good.secondUnitId]);
    for (const c of reply.citations) {
      const unit = bot.stack.data.chunks.find((u) => u.id === c.chunkId);
      expect(c.quote).toBe(unit?.sentences.map((s) => s.text).join(' '));
    }
    // The model saw numbered sources and the rules; the request is a streamed chat completion.
    const request = stub.requests[before];
    expect(request?.body).toMatchObject({ model: 'stub-model', stream: true, max_tokens: 400 });
    expect(request?.body.messages[0]?.content).toMatch(/\[n\]|\[1\]/);
    expect(request?.body.messages[1]?.content).toContain('[1] Is Ketamine Good for Depression?');
    expect(lastEvent('llm_answer')).toMatchObject({ provider: 'openai', kept: 3 });
    expect(logger.events('llm_fallback')).toHaveLength(0);
  });

  it.each([
    ['a sentence citing the wrong source', ' Ketamine raises glutamate levels in the brain [2].', 'unsupported'],
    [
      'an invented quote',
      ' The article says ketamine "works by increasing levels of dopamine in the brain" [1].',
      'invented_quote',
    ],
    ['a dose', ' A 0.5 mg/kg dose of ketamine raises glutamate levels in the brain [1].', 'new_fact'],
    ['an uncited sentence', ' Ketamine raises glutamate levels in the brain.', 'uncited'],
  ])('%s is dropped; the rest is the answer', async (_name, bad, reason) => {
    const reply = await ask({ kind: 'stream', text: good.text + bad });
    expect(reply.text).not.toContain(bad.trim().replace(/\s*\[\d\]\.$/, ''));
    expect(reply.text).toContain('called glutamate in the brain. [1]');
    expect(reply.text).not.toMatch(/dopamine|mg\/kg|\[3\]/);
    expect(reply.citations).toHaveLength(2);
    expect(lastEvent('llm_answer')).toMatchObject({ kept: 3, dropped: { [reason]: 1 } });
  });

  it.each([
    [
      'mostly unverifiable text',
      // The good answer is computed in beforeAll, after this table is built: a marker the test swaps for it. The
      // unverifiable part must outweigh it (the composer counts characters): 30 × 40 characters, against a good
      // answer of one or two trimmed units (~300–700 characters).
      { kind: 'stream', text: `GOOD ${'Ketamine is a miracle for everyone [1]. '.repeat(30)}` },
      'too_little_verified',
    ],
    ['no verifiable sentence', { kind: 'stream', text: 'The sources do not say.' }, 'no_verified_sentences'],
    ['a timeout', { kind: 'hang' }, 'timeout'],
    ['an HTTP 500', { kind: 'status', status: 500 }, 'http_error'],
    ['malformed JSON', { kind: 'malformed' }, 'malformed'],
    ['a JSON body without choices', { kind: 'json', text: '' }, 'empty'],
  ] as const)('%s falls back to the extractive answer, and the log says why', async (_name, completion, reason) => {
    const scripted =
      'text' in completion ? { ...completion, text: completion.text.replace(/^GOOD /, `${good.text} `) } : completion;
    const reply = await ask(scripted as StubCompletion);
    expect(reply.kind).toBe('answer');
    expect(reply.text).toBe(extractive);
    expect(lastEvent('llm_fallback')).toMatchObject({ provider: 'openai', reason });
  });

  it('a refusal never reaches the model', async () => {
    const before = stub.requests.length;
    const reply = await ask({ kind: 'stream', text: good.text }, 'How much ketamine should I take for my depression?');
    expect(reply.kind).toBe('refusal');
    expect(stub.requests.length).toBe(before);
  });

  describe('POST /api/ask?stream=1 (Server-Sent Events)', () => {
    async function askStream(completion: StubCompletion, body: string = JSON.stringify({ message: QUESTION })) {
      stub.respond(completion);
      return fetch(`${app.url}/api/ask?stream=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    }

    it('streams each verified sentence as a delta, then done with the full reply and citations', async () => {
      const res = await askStream({
        kind: 'stream',
        text: `${good.text} Ketamine raises glutamate levels in the brain.`,
      });
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = await readSse(res);
      expect(events.map((e) => e.event)).toEqual(['delta', 'delta', 'delta', 'done']);
      const streamed = events.filter((e) => e.event === 'delta').map((e) => e.data.text as string);
      expect(streamed[1]).toBe(' This action is thought to be responsible for its antidepressant effects. [1]');
      const done = events.at(-1)?.data as ReplyBody;
      expect(done.text).toBe(`${streamed.join('')}\n\n${FOOTER}`);
      expect(done.citations.map((c) => c.n)).toEqual([1, 2]);
    });

    it('a failed model still streams: the extractive answer as one delta', async () => {
      const events = await readSse(await askStream({ kind: 'status', status: 500 }));
      expect(events.map((e) => e.event)).toEqual(['delta', 'done']);
      expect(events[1]?.data.text).toBe(extractive);
      expect(events[0]?.data.text).toBe(extractive);
    });

    it('bad input is still a 4xx JSON error, not a stream', async () => {
      const res = await askStream({ kind: 'stream', text: good.text }, JSON.stringify({ message: 3 }));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    });
  });
});
