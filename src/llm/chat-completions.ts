import { z } from 'zod';
import { type ChatCallOptions, type ChatMessage, type ChatModel, LlmError } from './chat-model.js';
import { sseData } from './sse.js';

/** Options for {@link ChatCompletionsClient}. */
export interface ChatCompletionsOptions {
  /** Provider name for logs. */
  provider: string;
  /** Full URL of the chat-completions endpoint (query string included, e.g. Azure's `api-version`). */
  url: string;
  /** Extra headers: `authorization: Bearer …` (OpenAI) or `api-key` (Azure). */
  headers?: Record<string, string>;
  /** `model` field of the body; Azure picks the model by deployment and needs none. */
  model?: string;
  /** `max_tokens` of the body. */
  maxTokens: number;
  /** Most ms for the whole call, headers and streamed body. */
  timeoutMs: number;
  /** `fetch` (injectable; the global one by default). */
  fetch?: typeof fetch;
}

/** One streamed chunk: only the fields this client reads; providers add more. */
const StreamChunkSchema = z.object({
  choices: z.array(z.object({ delta: z.object({ content: z.string().nullish() }).optional() })),
});
/** A non-streamed reply (a server that ignores `stream: true`). */
const CompletionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullish() }) })).min(1),
});

/**
 * A chat-completions client over plain `fetch` with `stream: true` (Server-Sent Events): the one protocol spoken
 * by OpenAI, Azure OpenAI, Ollama's `/v1`, vLLM, LM Studio and llama.cpp server. Every failure is an
 * {@link LlmError} with a reason (timeout, HTTP status, network, malformed body, empty reply).
 */
export class ChatCompletionsClient implements ChatModel {
  readonly provider: string;

  constructor(private readonly options: ChatCompletionsOptions) {
    this.provider = options.provider;
  }

  async *stream(messages: ChatMessage[], call: ChatCallOptions = {}): AsyncGenerator<string> {
    const { options } = this;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    const body = {
      ...(options.model ? { model: options.model } : {}),
      messages,
      max_tokens: options.maxTokens,
      // Deterministic as far as the server allows: the same sources should give the same answer.
      temperature: 0,
      stream: true,
    };
    let yielded = 0;
    try {
      const res = await (options.fetch ?? fetch)(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...options.headers },
        body: JSON.stringify(body),
        signal,
      });
      if (!res.ok) {
        await res.body?.cancel();
        throw new LlmError('http_error', `chat completions answered HTTP ${res.status}`);
      }
      if (!res.body) throw new LlmError('empty', 'chat completions sent no body');
      if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
        const content = parse(CompletionSchema, await res.text()).choices[0]?.message.content ?? '';
        if (content.trim() === '') throw new LlmError('empty', 'chat completions sent an empty reply');
        yield content;
        return;
      }
      // Node's web streams are async iterable; the DOM lib typing of `Response.body` does not say so.
      for await (const data of sseData(res.body as unknown as AsyncIterable<Uint8Array>)) {
        if (data.trim() === '[DONE]') break;
        for (const choice of parse(StreamChunkSchema, data).choices.slice(0, 1)) {
          const piece = choice.delta?.content;
          if (piece) {
            yielded += piece.length;
            yield piece;
          }
        }
      }
      if (yielded === 0) throw new LlmError('empty', 'chat completions streamed no text');
    } catch (error) {
      if (error instanceof LlmError) throw error;
      if (timeout.aborted) throw new LlmError('timeout', `no complete reply within ${options.timeoutMs} ms`);
      if (call.signal?.aborted) throw new LlmError('timeout', 'the call was aborted');
      throw new LlmError('network', error instanceof Error ? error.message : String(error));
    }
  }
}

function parse<T>(schema: z.ZodType<T>, text: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LlmError('malformed', 'chat completions sent a body that is not JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new LlmError('malformed', 'chat completions sent JSON without choices');
  return result.data;
}
