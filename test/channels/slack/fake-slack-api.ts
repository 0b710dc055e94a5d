import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';

/** One recorded Web API call (`/api/<method>`), with JSON-encoded form fields (blocks) decoded. */
export interface WebApiCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token the client sent. */
  token: string | undefined;
}

/** One recorded POST to a response_url. */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeSlackApi {
  /** Base URL for SLACK_API_URL (ends with `/api/`). */
  apiUrl: string;
  /** A response_url on this server; posts to it are recorded under `id`. */
  responseUrl(id: string): string;
  calls: WebApiCall[];
  responses: ResponseUrlPost[];
  /** Calls of one Web API method, in order. */
  callsOf(method: string): WebApiCall[];
  /** Makes the next call of `method` fail with Slack's `{ok:false, error}`. */
  failNext(method: string, error: string): void;
  /** Holds every call of `method` unanswered until the returned function is called. */
  hold(method: string): () => void;
  close(): Promise<void>;
}

/**
 * A loopback stand-in for Slack's Web API and response_urls: records what the app sends and answers
 * like Slack (`auth.test` names the bot UBOT/BBOT in team T1; `chat.postMessage` returns a fresh ts).
 */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: WebApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const failures = new Map<string, string>();
  const holds = new Map<string, Promise<void>>();
  let ts = 1_700_000_000;
  const app = express();
  app.post('/api/:method', express.urlencoded({ extended: false }), express.json(), async (req, res) => {
    const method = req.params.method;
    const args = decodeFields((req.body ?? {}) as Record<string, unknown>);
    calls.push({ method, args, token: req.get('authorization')?.replace(/^Bearer /, '') });
    await holds.get(method);
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      res.json({ ok: false, error: failure });
      return;
    }
    switch (method) {
      case 'auth.test':
        res.json({
          ok: true,
          url: 'https://test.slack.com/',
          team: 'Test',
          user: 'ketamine-bot',
          team_id: 'T1',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        });
        return;
      case 'chat.postMessage':
        ts += 1;
        res.json({
          ok: true,
          channel: args.channel,
          ts: `${ts}.000100`,
          message: { ...args, ts: `${ts}.000100`, bot_id: 'BBOT' },
        });
        return;
      case 'chat.postEphemeral':
        res.json({ ok: true, message_ts: `${ts}.000200` });
        return;
      default:
        res.json({ ok: true });
    }
  });
  app.post('/response/:id', express.json(), (req, res) => {
    responses.push({ id: req.params.id, body: req.body as Record<string, unknown> });
    res.json({ ok: true });
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    responses,
    callsOf: (method) => calls.filter((c) => c.method === method),
    failNext: (method, error) => failures.set(method, error),
    hold: (method) => {
      let release!: () => void;
      holds.set(method, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        holds.delete(method);
        release();
      };
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The Web API client form-encodes objects as JSON strings; decode the ones that are. */
function decodeFields(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' && /^[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all
      }
    }
    out[key] = value;
  }
  return out;
}
