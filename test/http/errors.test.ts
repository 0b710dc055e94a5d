import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, BadRequestError } from '../../src/errors.js';
import { errorHandler, notFoundHandler } from '../../src/http/errors.js';
import { requestLogger } from '../../src/http/request-logger.js';
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
    expect(await get('/typed')).toMatchObject({ status: 400, json: { error: { code: 'bad_thing', message: 'Bad thing.' } } });
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
    expect((await post(`${url}/json`, '{oops')).json).toEqual({ error: { code: 'invalid_json', message: expect.any(String) } });
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

describe('request logger', () => {
  it('writes one http_request line per request with method, path (no query), status and ms', async () => {
    const before = logger.events('http_request').length;
    await get('/ok?secret=abc');
    await new Promise((r) => setTimeout(r, 20));
    const lines = logger.events('http_request').slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', method: 'GET', path: '/ok', status: 200 });
    expect(typeof lines[0]?.ms).toBe('number');
    expect(JSON.stringify(lines[0])).not.toContain('secret');
  });
});
