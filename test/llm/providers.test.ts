import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.js';
import { ConfigError } from '../../src/errors.js';
import { ChatCompletionsClient } from '../../src/llm/chat-completions.js';
import { LlmError } from '../../src/llm/chat-model.js';
import { createChatModel } from '../../src/llm/providers.js';
import { type LlmStubServer, startLlmStubServer } from '../doubles/llm-stub-server.js';

const drain = async (it: AsyncIterable<string>) => {
  let out = '';
  for await (const piece of it) out += piece;
  return out;
};
const hello = [{ role: 'user' as const, content: 'hi' }];

describe('LLM settings', () => {
  it('default none: no model, nothing else needed', () => {
    const config = parseConfig({});
    expect(config.LLM_PROVIDER).toBe('none');
    expect(createChatModel(config)).toBeUndefined();
  });

  it.each([
    [{ LLM_PROVIDER: 'openai' }, /LLM_MODEL: is required when LLM_PROVIDER=openai/],
    [{ LLM_PROVIDER: 'ollama' }, /LLM_MODEL: is required when LLM_PROVIDER=ollama/],
    [
      { LLM_PROVIDER: 'azure', AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com' },
      /AZURE_OPENAI_API_KEY: is required[\s\S]*AZURE_OPENAI_DEPLOYMENT: is required/,
    ],
    [{ LLM_PROVIDER: 'gemini' }, /LLM_PROVIDER: must be one of "none", "openai", "azure", "ollama"/],
    [{ LLM_PROVIDER: 'openai', LLM_MODEL: 'm', OPENAI_BASE_URL: 'localhost:8000' }, /OPENAI_BASE_URL: must be a URL/],
    [{ LLM_TIMEOUT_MS: '10' }, /LLM_TIMEOUT_MS: must be at least 100/],
  ])('%j fails at start with a message naming the setting', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});

describe('providers against the chat-completions stub server', () => {
  let stub: LlmStubServer;
  beforeAll(async () => {
    stub = await startLlmStubServer();
    stub.respond({ kind: 'stream', text: 'Hello from the stub.' });
  });
  afterAll(async () => stub?.close());
  const last = () => stub.requests.at(-1);

  it('openai: {base}/chat/completions with a bearer key and the model', async () => {
    const config = parseConfig({
      LLM_PROVIDER: 'openai',
      OPENAI_BASE_URL: `${stub.url}/`,
      OPENAI_API_KEY: 'k-1',
      LLM_MODEL: 'm-1',
    });
    expect(await drain(createChatModel(config)!.stream(hello))).toBe('Hello from the stub.');
    expect(last()?.url).toBe('/v1/chat/completions');
    expect(last()?.headers.authorization).toBe('Bearer k-1');
    expect(last()?.body).toMatchObject({ model: 'm-1', stream: true, messages: hello });
  });

  it('azure: /openai/deployments/{deployment}/chat/completions?api-version=… with the api-key header', async () => {
    const config = parseConfig({
      LLM_PROVIDER: 'azure',
      AZURE_OPENAI_ENDPOINT: stub.origin,
      AZURE_OPENAI_API_KEY: 'az-key',
      AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini',
      AZURE_OPENAI_API_VERSION: '2024-10-21',
    });
    expect(await drain(createChatModel(config)!.stream(hello))).toBe('Hello from the stub.');
    expect(last()?.url).toBe('/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21');
    expect(last()?.headers['api-key']).toBe('az-key');
    expect(last()?.headers.authorization).toBeUndefined();
  });

  it('ollama: its OpenAI-compatible /v1/chat/completions', async () => {
    const config = parseConfig({ LLM_PROVIDER: 'ollama', OLLAMA_BASE_URL: stub.origin, LLM_MODEL: 'llama3.1:8b' });
    expect(await drain(createChatModel(config)!.stream(hello))).toBe('Hello from the stub.');
    expect(last()?.url).toBe('/v1/chat/completions');
    expect(last()?.body.model).toBe('llama3.1:8b');
  });

  it('a server that ignores stream:true and answers JSON still works', async () => {
    stub.respond({ kind: 'json', text: 'Plain JSON.' });
    const client = new ChatCompletionsClient({
      provider: 't',
      url: `${stub.url}/chat/completions`,
      maxTokens: 10,
      timeoutMs: 1000,
    });
    expect(await drain(client.stream(hello))).toBe('Plain JSON.');
  });

  it.each([
    [{ kind: 'status', status: 500 }, 'http_error'],
    [{ kind: 'malformed' }, 'malformed'],
    [{ kind: 'hang' }, 'timeout'],
  ] as const)('%j is an LlmError with reason %s', async (completion, reason) => {
    stub.respond(completion);
    const client = new ChatCompletionsClient({
      provider: 't',
      url: `${stub.url}/chat/completions`,
      maxTokens: 10,
      timeoutMs: 300,
    });
    await expect(drain(client.stream(hello))).rejects.toMatchObject({ name: 'LlmError', reason });
    await expect(drain(client.stream(hello))).rejects.toBeInstanceOf(LlmError);
  });

  it('an unreachable server is a network failure', async () => {
    const client = new ChatCompletionsClient({
      provider: 't',
      url: 'http://127.0.0.1:1/v1/chat/completions',
      maxTokens: 10,
      timeoutMs: 1000,
    });
    await expect(drain(client.stream(hello))).rejects.toMatchObject({ reason: 'network' });
  });
});
