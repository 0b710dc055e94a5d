import type { Config } from '../config/env.js';
import { ChatCompletionsClient } from './chat-completions.js';
import type { ChatModel } from './chat-model.js';

/** Settings the providers read (a subset of the app's config). */
export type LlmConfig = Pick<
  Config,
  | 'LLM_PROVIDER'
  | 'OPENAI_BASE_URL'
  | 'OPENAI_API_KEY'
  | 'LLM_MODEL'
  | 'AZURE_OPENAI_ENDPOINT'
  | 'AZURE_OPENAI_API_KEY'
  | 'AZURE_OPENAI_DEPLOYMENT'
  | 'AZURE_OPENAI_API_VERSION'
  | 'OLLAMA_BASE_URL'
  | 'LLM_TIMEOUT_MS'
  | 'LLM_MAX_TOKENS'
>;

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * The configured chat model, or undefined for `LLM_PROVIDER=none`. The env schema has already refused a provider
 * with missing settings, so the `?? ''` below never produce a request without them.
 */
export function createChatModel(config: LlmConfig, fetchImpl?: typeof fetch): ChatModel | undefined {
  const common = { maxTokens: config.LLM_MAX_TOKENS, timeoutMs: config.LLM_TIMEOUT_MS, fetch: fetchImpl };
  switch (config.LLM_PROVIDER) {
    case 'none':
      return undefined;
    case 'openai':
      return new ChatCompletionsClient({
        ...common,
        provider: 'openai',
        url: `${trimSlash(config.OPENAI_BASE_URL)}/chat/completions`,
        headers: config.OPENAI_API_KEY ? { authorization: `Bearer ${config.OPENAI_API_KEY}` } : {},
        model: config.LLM_MODEL,
      });
    case 'ollama':
      return new ChatCompletionsClient({
        ...common,
        provider: 'ollama',
        url: `${trimSlash(config.OLLAMA_BASE_URL)}/v1/chat/completions`,
        model: config.LLM_MODEL,
      });
    case 'azure': {
      const deployment = encodeURIComponent(config.AZURE_OPENAI_DEPLOYMENT ?? '');
      const version = encodeURIComponent(config.AZURE_OPENAI_API_VERSION);
      return new ChatCompletionsClient({
        ...common,
        provider: 'azure',
        url: `${trimSlash(config.AZURE_OPENAI_ENDPOINT ?? '')}/openai/deployments/${deployment}/chat/completions?api-version=${version}`,
        headers: { 'api-key': config.AZURE_OPENAI_API_KEY ?? '' },
      });
    }
  }
}
