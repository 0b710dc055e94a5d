import { request, type ClientRequest } from 'node:http';
import { readResponse, type RawResponse } from './http.js';

/** A POST whose headers and first half of the body are sent now and the rest on `finish()`: in flight, for sure. */
export interface SlowRequest {
  /** Resolves once the server has the headers (the socket is connected and the first bytes written). */
  started: Promise<void>;
  /** Sends the rest of the body; resolves with the response, or rejects on a reset. */
  finish(): Promise<RawResponse>;
  /** Drops the request (for a request that must never end on its own). */
  abort(): void;
}

export function slowPost(url: string, path: string, value: unknown): SlowRequest {
  const target = new URL(path, url);
  const body = Buffer.from(JSON.stringify(value));
  const half = Math.floor(body.length / 2);
  const began = performance.now();
  let req: ClientRequest;
  const response = new Promise<RawResponse>((ok, fail) => {
    req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      },
      (res) => readResponse(res, began).then(ok, fail),
    );
    req.on('error', fail);
  });
  // Unhandled until finish() is called: a reset before then is reported by finish(), not as a crash.
  response.catch(() => undefined);
  const started = new Promise<void>((ok, fail) => {
    req.once('socket', (socket) => socket.once('connect', () => req.write(body.subarray(0, half), () => ok())));
    req.once('error', fail);
  });
  return {
    started,
    finish: () => {
      req.end(body.subarray(half));
      return response;
    },
    abort: () => req.destroy(),
  };
}
