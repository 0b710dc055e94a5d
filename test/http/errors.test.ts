import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, BadRequestError } from '../../src/errors.js';
import { errorHandler, notFoundHandler } from '../../src/http/errors.js';
import { requestLogger } from '../../src/http/request-logger.js';
import { createLogger } from '../../src/logger.js';
import { recordingLogger } from '../index/helpers.js';
import { expectNoLeak, post } from './loopback.js';

const logger = recordingLogger();
let url: string;
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.use(requestLogger(logger));
  app.get('/typed', () => {
    throw new BadRequestError('Bad thing.', 'bad_thing');
  });
  app.get('/teapot', () => {
    throw new AppError('I am a teapot.', 'teapot', 418);
  });
  app.get('/crash', () => {
    throw new Error('db password is hunter2');
  });
  app.get('/string', () => {
    throw 'a bare string';
  });
  app.get('/async', async () => {
    await Promise.resolve();
    throw new Error('async failure');
  });
  app.post('/json', express.json({ limit: '1kb' }), (req, res) => {
    res.json({ got: req.body });
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ok', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => {
    server.closeAllConnections();
    server.close();
  };
});
afterAll(() => close());

const get = async (path: string) => {
  const res = await fetch(`${url}${path}`);
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as unknown };
};

describe('central error handler', () => {
  it('typed errors keep their status and code', async () => {
    expect(await get('/typed')).toMatchObject({
      status: 400,
      json: { error: { code: 'bad_thing', message: 'Bad thing.' } },
    });
    expect(await get('/teapot')).toMatchObject({ status: 418, json: { error: { code: 'teapot' } } });
  });

  it.each(['/crash', '/string', '/async'])('anything else (%s) is a generic 500 without details', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
    expect(res.text).not.toMatch(/hunter2|bare string|async failure/);
    expectNoLeak(res.text);
  });

  it('logs 500s with the real error for operators', () => {
    const failed = logger.events('request_failed').map((l) => String(l.error));
    expect(failed.some((e) => e.includes('hunter2'))).toBe(true);
  });

  it('body parser errors get stable codes', async () => {
    expect((await post(`${url}/json`, '{oops')).json).toEqual({
      error: { code: 'invalid_json', message: expect.any(String) },
    });
    const big = await post(`${url}/json`, JSON.stringify({ x: 'y'.repeat(5000) }));
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('unknown routes are 404 not_found naming the route', async () => {
    const res = await get('/missing?x=1');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { code: 'not_found', message: 'No route for GET /missing.' } });
  });
});

describe('request logger (pino-http)', () => {
  it('writes one http_request line per request with method, path (no query), status and ms', async () => {
    const before = logger.events('http_request').length;
    await get('/ok?secret=abc');
    // pino-http logs on the response's 'finish', which may come after the client has the body: wait for it.
    await waitUntil(() => logger.events('http_request').length > before);
    const lines = logger.events('http_request').slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', method: 'GET', path: '/ok', status: 200 });
    expect(typeof lines[0]?.ms).toBe('number');
    expect(JSON.stringify(lines[0])).not.toContain('secret');
  });

  it('logs /healthz polls at debug, not info', async () => {
    const before = logger.events('http_request').length;
    await fetch(`${url}/healthz`);
    await waitUntil(() => logger.events('http_request').length > before);
    expect(logger.events('http_request').slice(before)).toEqual([
      expect.objectContaining({ path: '/healthz', level: 'debug' }),
    ]);
  });
});

describe('createLogger (pino)', () => {
  it('redacts user-text fields at info and above, keeps them at debug, and keeps the line shape', () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger({
      level: 'debug',
      write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    log.info('turn', { kind: 'answer', message: 'my secret question', nested: { text: 'more secret' } });
    log.warn('odd', { question: 'secret too' });
    log.debug('turn_text', { message: 'visible at debug' });
    expect(lines[0]).toMatchObject({
      level: 'info',
      event: 'turn',
      kind: 'answer',
      message: '[redacted]',
      nested: { text: '[redacted]' },
    });
    expect(typeof lines[0]?.time).toBe('string');
    expect(JSON.stringify(lines.slice(0, 2))).not.toMatch(/secret/);
    expect(lines[2]).toMatchObject({ level: 'debug', event: 'turn_text', message: 'visible at debug' });
  });

  it('honours LOG_LEVEL thresholds, including silent', () => {
    const lines: string[] = [];
    const warnOnly = createLogger({ level: 'warn', write: (line) => lines.push(line) });
    warnOnly.info('dropped');
    warnOnly.warn('kept');
    const silent = createLogger({ level: 'silent', write: (line) => lines.push(line) });
    silent.error('dropped too');
    expect(lines.map((l) => (JSON.parse(l) as { event: string }).event)).toEqual(['kept']);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}
