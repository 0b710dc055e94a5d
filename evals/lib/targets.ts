import { performance } from 'node:perf_hooks';
import type { Bot } from '../../src/core/bot.js';
import { newConversation } from '../../src/core/conversation.js';
import { ReplySchema, toReplyBody, type ReplyBody } from '../../src/core/reply.js';

/** One user turn as the eval saw it. */
export interface TurnResult {
  message: string;
  reply: ReplyBody;
  /** Wall-clock milliseconds for this turn (including HTTP in HTTP mode). */
  latencyMs: number;
}

/** Something that can hold a conversation: the bot in-process or a bot behind `POST /api/ask`. */
export interface EvalTarget {
  /** Shown in reports, e.g. "in-process" or "http://localhost:3978". */
  readonly name: string;
  /** Runs `turns` in one fresh conversation and returns every turn's reply. Throws on transport/bot faults. */
  converse(turns: string[]): Promise<TurnResult[]>;
}

/** Runs turns through `bot.handleTurn` with a fresh conversation per case, exactly as channels do. */
export function inProcessTarget(bot: Bot): EvalTarget {
  return {
    name: 'in-process',
    async converse(turns) {
      const conversation = newConversation();
      const results: TurnResult[] = [];
      for (const message of turns) {
        const started = performance.now();
        const reply = await bot.handleTurn({ message, channel: 'eval' }, conversation);
        results.push({ message, reply: toReplyBody(reply), latencyMs: performance.now() - started });
      }
      return results;
    },
  };
}

/** Options for {@link httpTarget}. */
export interface HttpTargetOptions {
  /** Base URL of a running bot, e.g. `http://localhost:3978`; `/api/ask` is appended. */
  base: string;
  /** Per-request timeout in ms. */
  timeoutMs?: number;
  /** Injectable fetch (tests). */
  fetch?: typeof fetch;
}

/** A transport or contract failure talking to a deployed bot. */
export class TargetError extends Error {
  override name = 'TargetError';
}

/**
 * Talks to `POST /api/ask`. The first turn omits `conversationId` (the server starts a conversation, as a new
 * visitor would); later turns send back the id the server returned, so the turns of a case share it.
 */
export function httpTarget(options: HttpTargetOptions): EvalTarget {
  const url = new URL('api/ask', options.base.endsWith('/') ? options.base : `${options.base}/`).toString();
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    name: options.base,
    async converse(turns) {
      let conversationId: string | undefined;
      const results: TurnResult[] = [];
      for (const message of turns) {
        const started = performance.now();
        let response: Response;
        try {
          response = await doFetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(conversationId ? { message, conversationId } : { message }),
            signal: AbortSignal.timeout(timeoutMs),
          });
        } catch (error) {
          // undici hides the reason (ECONNREFUSED, ENOTFOUND, a timeout) in `cause`, sometimes an AggregateError.
          const cause = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
          const reason = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (error as Error).message;
          throw new TargetError(`POST ${url} failed: ${reason}`);
        }
        const body: unknown = await response.json().catch(() => undefined);
        if (!response.ok) {
          const detail = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
          throw new TargetError(
            `POST ${url} → ${response.status} ${detail?.code ?? ''} ${detail?.message ?? ''}`.trim(),
          );
        }
        const parsed = ReplySchema.safeParse(body);
        if (!parsed.success) {
          throw new TargetError(
            `POST ${url} returned a body that breaks the reply contract: ${parsed.error.issues[0]?.message}`,
          );
        }
        conversationId = parsed.data.conversationId;
        results.push({ message, reply: parsed.data, latencyMs: performance.now() - started });
      }
      return results;
    },
  };
}
