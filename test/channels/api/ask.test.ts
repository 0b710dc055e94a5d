import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Bot } from '../../../src/core/bot.js';
import { ReplySchema } from '../../../src/core/reply.js';
import { getRealBot } from '../../helpers/real-bot.js';
import { expectNoLeak, post, startLoopback, type Loopback } from '../../http/loopback.js';

const ErrorSchema = z.strictObject({ error: z.strictObject({ code: z.string().min(1), message: z.string().min(1) }) });

let server: Loopback;
let ask: string;

beforeAll(async () => {
  server = await startLoopback(await getRealBot());
  ask = `${server.url}/api/ask`;
});
afterAll(async () => {
  await server.close();
});

describe('POST /api/ask with the real bot', () => {
  it('200: the body is exactly ReplySchema (no meta or other extra keys), with a new conversationId', async () => {
    const res = await post(ask, JSON.stringify({ message: 'What are the side effects of ketamine?' }));
    expect(res.status).toBe(200);
    const body = ReplySchema.strict().parse(res.json);
    expect(Object.keys(res.json as object)).not.toContain('meta');
    expect(body.kind).toBe('answer');
    expect(body.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.citations.length).toBeGreaterThan(0);
    expect(Object.keys(body.citations[0] ?? {}).sort()).toEqual(['chunkId', 'docId', 'n', 'quote', 'title', 'url']);
    // Every citation links to its unit's anchor on the article page (a path: PUBLIC_BASE_URL is unset here).
    for (const c of body.citations) expect(c.url).toBe(`/articles/${c.docId}#unit-${c.chunkId.split('#')[1]}`);
  });

  it('two requests without conversationId get different ids', async () => {
    const a = ReplySchema.parse((await post(ask, JSON.stringify({ message: 'Is ketamine safe?' }))).json);
    const b = ReplySchema.parse((await post(ask, JSON.stringify({ message: 'Is ketamine safe?' }))).json);
    expect(a.conversationId).not.toBe(b.conversationId);
  });

  it('echoes a conversationId it was given, and resolves a follow-up through it', async () => {
    const id = `test-conv-${Date.now()}`;
    const first = ReplySchema.parse(
      (await post(ask, JSON.stringify({ message: 'What are the side effects of ketamine?', conversationId: id }))).json,
    );
    expect(first.conversationId).toBe(id);
    const second = ReplySchema.parse(
      (await post(ask, JSON.stringify({ message: 'how long do they last?', conversationId: id }))).json,
    );
    expect(second.conversationId).toBe(id);
    expect(second.kind).toBe('answer');
    expect(second.citations.some((c) => /go away|short-lived|resolve|last long/.test(c.quote))).toBe(true);
  });

  it('trims the message and accepts exactly 2000 characters', async () => {
    const res = await post(ask, JSON.stringify({ message: `  ${'Is ketamine safe? '.repeat(200).slice(0, 2000)}  ` }));
    expect(res.status).toBe(200);
    ReplySchema.parse(res.json);
  });

  it('no_answer replies keep the contract too (suggestions, no citations)', async () => {
    const body = ReplySchema.parse(
      (await post(ask, JSON.stringify({ message: "What is ketamine's half-life?" }))).json,
    );
    expect(body.kind).toBe('no_answer');
    expect(body.citations).toEqual([]);
    expect(body.suggestions).toHaveLength(3);
  });
});

describe('POST /api/ask errors', () => {
  const cases: [string, number, string, () => Promise<Awaited<ReturnType<typeof post>>>][] = [
    ['bad JSON', 400, 'invalid_json', () => post(ask, '{"message": "hi"')],
    ['a JSON array', 400, 'invalid_request', () => post(ask, '["hi"]')],
    // express.json is strict: a bare JSON string is rejected by the parser itself.
    ['a JSON string', 400, 'invalid_json', () => post(ask, '"hi"')],
    ['an empty body', 400, 'invalid_request', () => post(ask, '')],
    ['a missing message', 400, 'invalid_request', () => post(ask, '{}')],
    ['an empty message', 400, 'empty_message', () => post(ask, JSON.stringify({ message: '' }))],
    ['a whitespace-only message', 400, 'empty_message', () => post(ask, JSON.stringify({ message: ' \n\t ' }))],
    ['a zero-width space', 400, 'empty_message', () => post(ask, JSON.stringify({ message: '\u200b' }))],
    [
      'zero-width joiners and non-joiners',
      400,
      'empty_message',
      () => post(ask, JSON.stringify({ message: '\u200c \u200d\u200c' })),
    ],
    ['a BOM with spaces', 400, 'empty_message', () => post(ask, JSON.stringify({ message: ' \ufeff  ' }))],
    [
      'a message over 2000 characters',
      400,
      'invalid_request',
      () => post(ask, JSON.stringify({ message: 'a'.repeat(2001) })),
    ],
    ['a non-string message', 400, 'invalid_request', () => post(ask, JSON.stringify({ message: 42 }))],
    ['a null message', 400, 'invalid_request', () => post(ask, JSON.stringify({ message: null }))],
    ['an unknown field', 400, 'invalid_request', () => post(ask, JSON.stringify({ message: 'hi', user: 'x' }))],
    [
      'a conversationId over 128 characters',
      400,
      'invalid_request',
      () => post(ask, JSON.stringify({ message: 'hi', conversationId: 'c'.repeat(129) })),
    ],
    [
      'a non-string conversationId',
      400,
      'invalid_request',
      () => post(ask, JSON.stringify({ message: 'hi', conversationId: 7 })),
    ],
    ['an oversized body', 413, 'payload_too_large', () => post(ask, JSON.stringify({ message: 'a'.repeat(40_000) }))],
    ['text/plain', 415, 'unsupported_media_type', () => post(ask, JSON.stringify({ message: 'hi' }), 'text/plain')],
    [
      'form encoding',
      415,
      'unsupported_media_type',
      () => post(ask, 'message=hi', 'application/x-www-form-urlencoded'),
    ],
  ];

  it.each(cases)('%s → %i %s', async (_what, status, code, send) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(ErrorSchema.parse(res.json).error.code).toBe(code);
    expectNoLeak(res.text);
  });

  it('error messages say what is wrong', async () => {
    const unknown = ErrorSchema.parse((await post(ask, JSON.stringify({ message: 'hi', user: 'x' }))).json);
    expect(unknown.error.message).toMatch(/user/);
    const long = ErrorSchema.parse((await post(ask, JSON.stringify({ message: 'a'.repeat(2001) }))).json);
    expect(long.error.message).toMatch(/2000/);
    const id = ErrorSchema.parse(
      (await post(ask, JSON.stringify({ message: 'hi', conversationId: 'c'.repeat(129) }))).json,
    );
    expect(id.error.message).toMatch(/conversationId.*128/);
  });

  it('accepts application/json with a charset parameter', async () => {
    expect(
      (await post(ask, JSON.stringify({ message: 'Is ketamine safe?' }), 'application/json; charset=utf-8')).status,
    ).toBe(200);
  });

  it('GET /api/ask → 405 in the error shape', async () => {
    const res = await fetch(ask);
    expect(res.status).toBe(405);
    expect(ErrorSchema.parse(await res.json()).error.code).toBe('method_not_allowed');
  });

  it('unknown routes → 404 in the error shape', async () => {
    for (const path of ['/api/nope', '/nope', '/api/ask/extra']) {
      const res = await fetch(`${server.url}${path}`, { method: path === '/nope' ? 'GET' : 'POST' });
      expect(res.status, path).toBe(404);
      const text = await res.text();
      expect(ErrorSchema.parse(JSON.parse(text)).error.code).toBe('not_found');
      expectNoLeak(text);
    }
  });
});

describe('/healthz', () => {
  it('503 while the bot is loading, then 200 {status, chunks, model}', async () => {
    const loading = await startLoopback(undefined);
    try {
      const before = await fetch(`${loading.url}/healthz`);
      expect(before.status).toBe(503);
      const bot = await getRealBot();
      const res = await post(`${loading.url}/api/ask`, JSON.stringify({ message: 'Is ketamine safe?' }));
      expect(res.status).toBe(503);
      expect(ErrorSchema.parse(res.json).error.code).toBe('not_ready');
      loading.setBot(bot);
      const after = await fetch(`${loading.url}/healthz`);
      expect(after.status).toBe(200);
      const body = z
        .strictObject({ status: z.literal('ok'), chunks: z.number(), model: z.string() })
        .parse(await after.json());
      expect(body.chunks).toBe(bot.stack.data.chunks.length);
      expect(body.model).toMatch(/Universal Sentence Encoder/);
    } finally {
      await loading.close();
    }
  });
});

describe('internal faults', () => {
  it('a bot that throws gives 500 internal_error without details, and the fault is logged', async () => {
    const broken: Bot = {
      handleTurn: async () => {
        throw new Error('secret internal detail at /work/main/src/x.ts:1:1');
      },
      ask: async () => {
        throw new TypeError('secret internal detail at /work/main/src/x.ts:1:1');
      },
      info: () => ({ chunks: 1, model: 'broken', articles: [] }),
      exampleQuestions: () => [],
    };
    const s = await startLoopback(broken);
    try {
      const res = await post(`${s.url}/api/ask`, JSON.stringify({ message: 'Is ketamine safe?' }));
      expect(res.status).toBe(500);
      const body = ErrorSchema.parse(res.json);
      expect(body.error.code).toBe('internal_error');
      expect(res.text).not.toContain('secret');
      expectNoLeak(res.text);
      const failed = s.logger.events('request_failed');
      expect(failed).toHaveLength(1);
      expect(String(failed[0]?.error)).toContain('secret internal detail');
    } finally {
      await s.close();
    }
  });
});
