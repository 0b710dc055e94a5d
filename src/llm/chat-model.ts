/** One message of a chat-completions conversation. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Options of one {@link ChatModel.stream} call. */
export interface ChatCallOptions {
  /** Aborts the request (the composer's timeout). */
  signal?: AbortSignal;
}

/**
 * The port the generative composer talks to: a chat model that streams its reply as text pieces. Every provider
 * (OpenAI-compatible, Azure OpenAI, Ollama) is the same chat-completions protocol behind it.
 */
export interface ChatModel {
  /** Provider name for logs (`openai`, `azure`, `ollama`, or a test's). */
  readonly provider: string;
  /** Yields the reply's text as it arrives. Throws {@link LlmError} on any failure. */
  stream(messages: ChatMessage[], options?: ChatCallOptions): AsyncIterable<string>;
}

/** Why a model call failed; logged as the `llm_fallback` reason. */
export type LlmFailure = 'timeout' | 'http_error' | 'network' | 'malformed' | 'empty';

/** A failed model call. Never reaches the user: the composer falls back to the extractive answer. */
export class LlmError extends Error {
  constructor(
    readonly reason: LlmFailure,
    message: string,
  ) {
    super(message);
    this.name = 'LlmError';
  }
}
