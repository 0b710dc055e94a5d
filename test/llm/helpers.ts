import { createBot, type LoadedBot } from '../../src/chat/create-bot.js';
import { parseConfig } from '../../src/config/env.js';
import { recordingLogger } from '../index/helpers.js';
import { startLlmStubServer, type LlmStubServer } from '../doubles/llm-stub-server.js';

/** The question every scripted completion answers; its top-ranked sources are listed below. */
export const QUESTION = 'How does ketamine work for depression?';

/**
 * A faithful answer to {@link QUESTION} from its ranked sources: [1] is-ketamine-good-for-depression#1 (glutamate),
 * [3] ketamine-what-is-it#0 (anaesthetic, depression and anxiety). Sources [2] and [4] are other depression units.
 */
export const GOOD =
  'Ketamine works by increasing levels of a neurotransmitter called glutamate in the brain [1]. ' +
  'This action is thought to be responsible for its antidepressant effects [1]. ' +
  'It has also been found to help treat certain types of depression and anxiety disorders [3].';

/** The real bot (real corpus, index, policy and guard) with LLM_PROVIDER=openai pointed at a stub server. */
export async function botWithStub(
  settings: Record<string, string> = {},
): Promise<{ bot: LoadedBot; stub: LlmStubServer; logger: ReturnType<typeof recordingLogger> }> {
  const stub = await startLlmStubServer();
  const logger = recordingLogger();
  const config = parseConfig({
    ...process.env,
    LLM_PROVIDER: 'openai',
    OPENAI_BASE_URL: stub.url,
    LLM_MODEL: 'stub-model',
    // Short, so the timeout case takes a second, not the production 20.
    LLM_TIMEOUT_MS: '1500',
    ...settings,
  });
  const bot = await createBot({ config, logger });
  return { bot, stub, logger };
}

/** An SSE event's JSON data: a delta `{text}`, the `done` reply body, or an error body. */
export type SseData = { text: string; citations: { n: number }[]; error?: { code: string } };

/** Reads a whole Server-Sent Events body into `{event, data}` pairs (data parsed as JSON). */
export async function readSse(res: Response): Promise<{ event: string; data: SseData }[]> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
      return { event, data: data === undefined ? undefined : JSON.parse(data) };
    });
}
