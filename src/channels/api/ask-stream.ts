import type { Response } from 'express';
import type { Bot } from '../../core/bot.js';
import { toReplyBody } from '../../core/reply.js';
import { AppError } from '../../errors.js';
import { errorBody } from '../../http/errors.js';

/** Whether the client asked for Server-Sent Events (`?stream=1`, or `true`). */
export function wantsStream(query: unknown): boolean {
  const value = (query as { stream?: unknown } | undefined)?.stream;
  return value === '1' || value === 'true';
}

/**
 * Runs one `/api/ask` turn as Server-Sent Events: `event: delta` per verified sentence (`{"text": …}`), then
 * `event: done` with the same body `POST /api/ask` returns. Headers go out with the first event, so a failure
 * before it (overloaded, not ready) is still an ordinary JSON 4xx/5xx; after it, an `event: error` ends the stream.
 * Without a generative answer (LLM_PROVIDER=none, refusals, fallbacks) the whole text is one delta.
 */
export async function askAsStream(
  bot: Bot,
  input: { message: string; conversationId?: string },
  res: Response,
): Promise<void> {
  let deltas = 0;
  const send = (event: string, data: unknown) => {
    if (!res.headersSent)
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      });
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  try {
    const reply = await bot.ask({
      ...input,
      channel: 'api',
      onDelta: (text) => {
        deltas++;
        send('delta', { text });
      },
    });
    const body = toReplyBody(reply);
    if (deltas === 0) send('delta', { text: body.text });
    send('done', body);
    res.end();
  } catch (error) {
    if (!res.headersSent) throw error;
    const known = error instanceof AppError && error.status < 500;
    send('error', known ? errorBody(error.code, error.message) : errorBody('internal', 'Something went wrong.'));
    res.end();
  }
}
