import { createBot, type LoadedBot } from '../../src/chat/create-bot.js';
import { parseConfig } from '../../src/config/env.js';
import { recordingLogger } from '../index/helpers.js';
import { startLlmStubServer, type LlmStubServer } from '../doubles/llm-stub-server.js';

/** The question every scripted completion answers. */
export const QUESTION = 'How does ketamine work for depression?';

/** A faithful answer to {@link QUESTION}, built from the sources the bot actually gives the model. */
export interface GoodAnswer {
  /** The model's text: two sentences from source [1] (glutamate) and one from source [2], each cited. */
  text: string;
  /** The sentence taken from source [2], without its final punctuation (it renders as `${second}. [2]`). */
  second: string;
  /** The answer unit of source [2]. */
  secondUnitId: string;
  /** Matches the final rendered text: source 1's glutamate sentence, then source 2's sentence, with their markers. */
  pattern: RegExp;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Built from the bot's own ranking rather than fixed unit ids, so a retrained ranker that reorders the sources does
 * not break the verifier's tests: [1] must be the glutamate unit (is-ketamine-good-for-depression#1), [2] is
 * whichever unit ranks second, quoted by its first plain sentence.
 */
export async function goodAnswer(bot: LoadedBot): Promise<GoodAnswer> {
  const { candidates } = await bot.answerer.rank(QUESTION);
  const [first, next] = candidates;
  if (!first?.unit.text.includes('called glutamate in the brain') || !next)
    throw new Error(`${QUESTION} no longer ranks the glutamate unit first: pick another question for these tests`);
  const sentence = next.unit.sentences.map((x) => x.text).find((t) => /^[A-Z][^\d[\]]*\.$/.test(t));
  if (!sentence) throw new Error(`${next.unit.id} has no plain sentence to quote`);
  const second = sentence.slice(0, -1);
  const tail = second.split(' ').slice(-3).join(' ');
  return {
    text:
      'Ketamine works by increasing levels of a neurotransmitter called glutamate in the brain [1]. ' +
      'This action is thought to be responsible for its antidepressant effects [1]. ' +
      `${second} [2].`,
    second,
    secondUnitId: next.unit.id,
    pattern: new RegExp(`glutamate in the brain\\. \\[1\\].*${escapeRegExp(tail)}\\. \\[+2\\]`, 's'),
  };
}

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
