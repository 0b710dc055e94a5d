import { request, type Agent, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

/** One raw HTTP exchange: exact bytes out, status/headers/body back. `fetch` would normalise what we fuzz. */
export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Keep-alive agent; default: a fresh connection per request. */
  agent?: Agent;
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  ms: number;
}

/** Reads `res` to its end; `ms` counts from `started` (a `performance.now()` taken before the request). */
export function readResponse(res: IncomingMessage, started: number): Promise<RawResponse> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () =>
      ok({
        status: res.statusCode ?? 0,
        headers: res.headers,
        text: Buffer.concat(chunks).toString('utf8'),
        ms: performance.now() - started,
      }),
    );
    res.on('error', fail);
  });
}

/** Sends one request to `url` (loopback); rejects on a connection error or after `timeoutMs` (default 30 s). */
export function rawRequest(url: string, req: RawRequest): Promise<RawResponse> {
  const started = performance.now();
  const target = new URL(req.path, url);
  if (target.hostname !== '127.0.0.1') throw new Error(`loopback only, not ${target.hostname}`);
  const body =
    req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  return new Promise((ok, fail) => {
    const r = request(
      {
        host: '127.0.0.1',
        port: target.port,
        // The path is sent as written (no URL normalisation): traversal probes must reach the server intact.
        path: req.path,
        method: req.method ?? 'GET',
        headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...req.headers },
        agent: req.agent ?? false,
        timeout: req.timeoutMs ?? 30_000,
      },
      (res) => readResponse(res, started).then(ok, fail),
    );
    r.on('timeout', () =>
      r.destroy(new Error(`timeout after ${req.timeoutMs ?? 30_000} ms: ${req.method ?? 'GET'} ${req.path}`)),
    );
    r.on('error', fail);
    r.end(body);
  });
}

/** POST a JSON value with Content-Type: application/json. */
export function postJson(
  url: string,
  path: string,
  value: unknown,
  extra: Partial<RawRequest> = {},
): Promise<RawResponse> {
  return rawRequest(url, {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', ...extra.headers },
    body: JSON.stringify(value),
    ...omit(extra),
  });
}

function omit(extra: Partial<RawRequest>): Partial<RawRequest> {
  const { headers: _headers, ...rest } = extra;
  return rest;
}

/** A reply body from `/api/ask`, reduced to what must be identical between two askings of the same question. */
export interface AnswerFingerprint {
  kind: string;
  text: string;
  citations: unknown;
}

/** Asks `/api/ask` once, in a new conversation; throws on a non-200. */
export async function ask(
  url: string,
  message: string,
  conversationId?: string,
): Promise<AnswerFingerprint & { conversationId: string }> {
  const res = await postJson(url, '/api/ask', conversationId ? { message, conversationId } : { message });
  if (res.status !== 200)
    throw new Error(`POST /api/ask ${JSON.stringify(message)} → ${res.status}: ${res.text.slice(0, 300)}`);
  const body = JSON.parse(res.text) as { kind: string; text: string; citations: unknown; conversationId: string };
  return { kind: body.kind, text: body.text, citations: body.citations, conversationId: body.conversationId };
}
