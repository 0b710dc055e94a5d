import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBot, sampleAnswer } from '../helpers/fake-bot.js';
import { expectNoLeak, startLoopback, type Loopback } from './loopback.js';

let server: Loopback;
let webchatActivities: string;
let token: string;

beforeAll(async () => {
  server = await startLoopback(fakeBot(() => sampleAnswer()));
  const started = (await (await fetch(`${server.url}/webchat/conversations`, { method: 'POST' })).json()) as {
    conversationId: string;
    token: string;
  };
  webchatActivities = `/webchat/conversations/${started.conversationId}/activities`;
  token = started.token;
});
afterAll(async () => {
  await server.close();
});

const bodies: [string, string, Buffer][] = [
  ['gzip that is not gzip', 'gzip', Buffer.from('{"message":"hello"}')],
  ['deflate that is not deflate', 'deflate', Buffer.from('not deflate at all')],
  ['br that is not br', 'br', Buffer.from('{"message":"hello"}')],
  ['truncated gzip', 'gzip', gzipSync(Buffer.from('{"message":"What is ketamine?"}')).subarray(0, 12)],
  ['valid br of invalid JSON', 'br', brotliCompressSync(Buffer.from('{oops'))],
];

describe('bodies that do not decode get 400/415 with the standard error body, never a 500', () => {
  for (const path of ['/api/ask', '/webchat', '/api/messages']) {
    it.each(bodies)(`${path}: %s`, async (_name, encoding, body) => {
      const target = path === '/webchat' ? webchatActivities : path;
      const res = await fetch(`${server.url}${target}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding, authorization: `Bearer ${token}` },
        body: new Uint8Array(body),
      });
      const text = await res.text();
      expect([400, 415]).toContain(res.status);
      expect(JSON.parse(text)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
      expectNoLeak(text);
    });
  }
});

describe('paths that do not decode get 400 with the standard error body, never a 500', () => {
  it.each(['/webchat/%', '/webchat/%E0%A4%A', '/articles/%zz'])('GET %s', async (path) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBeLessThan(500);
    expect(res.status).toBeGreaterThanOrEqual(400);
    const body = await res.json();
    expect(body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expectNoLeak(JSON.stringify(body));
  });
});
