import { afterEach, describe, expect, it } from 'vitest';
import { TurnGate } from '../../src/chat/turn-gate.js';
import type { Bot } from '../../src/core/bot.js';
import { fakeBot, sampleAnswer } from '../helpers/fake-bot.js';
import { post, startLoopback, type Loopback } from './loopback.js';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ask = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ message: 'Is ketamine safe?' }),
  });

async function expectRetryLater(res: Response, status: number, code: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
}

describe('per-client rate limits', () => {
  it('turns: over RATE_LIMIT_TURNS_PER_MINUTE a client gets 429 rate_limited with Retry-After', async () => {
    server = await startLoopback(
      fakeBot(() => sampleAnswer()),
      { RATE_LIMIT_TURNS_PER_MINUTE: '3' },
    );
    for (let i = 0; i < 3; i++) expect((await ask(server.url)).status).toBe(200);
    await expectRetryLater(await ask(server.url), 429, 'rate_limited');
  });

  it('X-Forwarded-For is not believed by default, so a client cannot dodge the limit by inventing addresses', async () => {
    server = await startLoopback(
      fakeBot(() => sampleAnswer()),
      { RATE_LIMIT_TURNS_PER_MINUTE: '2' },
    );
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask(server.url, { 'x-forwarded-for': `203.0.113.${i}` })).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it('with TRUST_PROXY=true, clients behind the proxy are limited one by one', async () => {
    server = await startLoopback(
      fakeBot(() => sampleAnswer()),
      { RATE_LIMIT_TURNS_PER_MINUTE: '1', TRUST_PROXY: 'true' },
    );
    expect((await ask(server.url, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(200);
    expect((await ask(server.url, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(200);
    expect((await ask(server.url, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429);
  });

  it('Web Chat conversation creation is limited per client, and a flood evicts no live conversation', async () => {
    server = await startLoopback(
      fakeBot(() => sampleAnswer()),
      { RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '2' },
    );
    const first = (await (await fetch(`${server.url}/webchat/conversations`, { method: 'POST' })).json()) as {
      conversationId: string;
      token: string;
    };
    expect((await fetch(`${server.url}/webchat/conversations`, { method: 'POST' })).status).toBe(201);
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${server.url}/webchat/conversations`, { method: 'POST' });
      await expectRetryLater(res, 429, 'rate_limited');
    }
    const posted = await fetch(`${server.url}/webchat/conversations/${first.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${first.token}` },
      body: JSON.stringify({ type: 'typing' }),
    });
    expect(posted.status).toBe(200);
  });

  it('Web Chat: a full bridge answers 503 busy with Retry-After and keeps the live conversations', async () => {
    server = await startLoopback(
      fakeBot(() => sampleAnswer()),
      { CONVERSATION_MAX: '10' },
    );
    const live = [];
    for (let i = 0; i < 10; i++)
      live.push(
        (await (await fetch(`${server.url}/webchat/conversations`, { method: 'POST' })).json()) as {
          conversationId: string;
          token: string;
        },
      );
    await expectRetryLater(await fetch(`${server.url}/webchat/conversations`, { method: 'POST' }), 503, 'busy');
    const oldest = live[0]!;
    const res = await fetch(`${server.url}/webchat/conversations/${oldest.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${oldest.token}` },
      body: JSON.stringify({ type: 'typing' }),
    });
    expect(res.status).toBe(200);
  });
});

describe('load shedding', () => {
  it('a full turn gate gives 503 overloaded with Retry-After on /api/ask, and /healthz stays up', async () => {
    const gate = new TurnGate({ concurrency: 1, queue: 1, maxWaitMs: 60_000, retryAfterSeconds: 2 });
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    const inner = fakeBot(() => sampleAnswer());
    const bot: Bot = { ...inner, ask: (input) => gate.run(async () => (await blocked, inner.ask(input))) };
    server = await startLoopback(bot);
    const running = ask(server.url);
    const waiting = ask(server.url);
    await waitUntil(() => gate.load.waiting === 1);
    const refused = await ask(server.url);
    await expectRetryLater(refused, 503, 'overloaded');
    expect(refused.headers.get('retry-after')).toBe('2');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    release();
    expect((await running).status).toBe(200);
    expect((await waiting).status).toBe(200);
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
  });

  it('TurnGate refuses a queued turn that waits longer than maxWaitMs, and frees its place in the queue', async () => {
    const gate = new TurnGate({ concurrency: 1, queue: 4, maxWaitMs: 20, retryAfterSeconds: 1 });
    let release!: () => void;
    const running = gate.run(() => new Promise<void>((r) => (release = r)));
    await expect(gate.run(async () => 'never')).rejects.toMatchObject({ status: 503, code: 'overloaded' });
    expect(gate.load).toEqual({ active: 1, waiting: 0 });
    release();
    await running;
    expect(await gate.run(async () => 'ran')).toBe('ran');
  });

  it('TurnGate runs at most `concurrency` turns and hands slots on in order', async () => {
    const gate = new TurnGate({ concurrency: 2, queue: 2, maxWaitMs: 60_000, retryAfterSeconds: 1 });
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const turn = (i: number) =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setImmediate(r));
        running--;
        order.push(i);
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map(turn));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3]);
  });
});

describe('security headers and CORS', () => {
  it('defaults: CSP with frame-ancestors self, nosniff, a referrer policy, and no CORS for other sites', async () => {
    server = await startLoopback(fakeBot(() => sampleAnswer()));
    const page = await fetch(`${server.url}/?embed=1`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const preflight = await fetch(`${server.url}/api/ask`, {
      method: 'OPTIONS',
      headers: { origin: 'https://clinic.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('WEBCHAT_ALLOWED_ORIGINS may frame the chat; API_CORS_ORIGINS may call /api/ask', async () => {
    server = await startLoopback(
      fakeBot(() => sampleAnswer()),
      { WEBCHAT_ALLOWED_ORIGINS: 'https://clinic.example', API_CORS_ORIGINS: 'https://clinic.example' },
    );
    const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self' https://clinic.example");
    const res = await fetch(`${server.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://clinic.example' },
      body: JSON.stringify({ message: 'Is ketamine safe?' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://clinic.example');
    const other = await post(`${server.url}/api/ask`, JSON.stringify({ message: 'Is ketamine safe?' }));
    expect(other.status).toBe(200);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
