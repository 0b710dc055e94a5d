import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the stub answers to the next chat-completions request. */
export type StubCompletion =
  /** Streams `text` as SSE chunks of a few characters (like a real model), then `[DONE]`. */
  | { kind: 'stream'; text: string }
  /** A non-streamed JSON completion (servers that ignore `stream: true`). */
  | { kind: 'json'; text: string }
  /** An HTTP error status with a JSON error body. */
  | { kind: 'status'; status: number }
  /** `200 text/event-stream` whose data is not JSON. */
  | { kind: 'malformed' }
  /** Accepts the request and never answers (the client's timeout must fire). */
  | { kind: 'hang' };

/** A request the stub received. */
export interface StubRequest {
  url: string;
  headers: IncomingMessage['headers'];
  body: { model?: string; messages: { role: string; content: string }[]; stream?: boolean; max_tokens?: number };
}

/** An OpenAI-compatible chat-completions STUB on 127.0.0.1 for tests: scripted replies, no model, no network. */
export interface LlmStubServer {
  /** Base URL up to `/v1` (for OPENAI_BASE_URL). */
  url: string;
  /** Origin without a path (for AZURE_OPENAI_ENDPOINT and OLLAMA_BASE_URL). */
  origin: string;
  requests: StubRequest[];
  /** Sets the reply to every following request. */
  respond(completion: StubCompletion): void;
  close(): Promise<void>;
}

/** Characters per streamed chunk: small enough that sentences and `[n]` markers arrive split across chunks. */
const CHUNK = 7;

export async function startLlmStubServer(): Promise<LlmStubServer> {
  let next: StubCompletion = { kind: 'status', status: 503 };
  const requests: StubRequest[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString('utf8');
    });
    req.on('end', () => {
      if (req.method !== 'POST' || !/\/chat\/completions(\?|$)/.test(req.url ?? '')) {
        res.writeHead(404).end();
        return;
      }
      requests.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(raw) as StubRequest['body'] });
      const script = next;
      if (script.kind === 'hang') return;
      if (script.kind === 'status') {
        res.writeHead(script.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'stub failure' } }));
        return;
      }
      if (script.kind === 'json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: script.text } }] }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (script.kind === 'malformed') {
        res.end('data: {"choices": [{"delta": {"content": "Ketamine\n\ndata: not json at all\n\n');
        return;
      }
      for (let i = 0; i < script.text.length; i += CHUNK) {
        const chunk = { choices: [{ index: 0, delta: { content: script.text.slice(i, i + CHUNK) } }] };
        res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      }
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/v1`,
    origin,
    requests,
    respond: (completion) => {
      next = completion;
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
