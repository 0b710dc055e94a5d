import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBot } from '../../src/chat/create-bot.js';
import { FOOTER } from '../../src/chat/handle-turn.js';
import type { LlmStubServer, StubCompletion } from '../doubles/llm-stub-server.js';
import { type Loopback, startLoopback } from '../http/loopback.js';
import { botWithStub, GOOD, QUESTION } from './helpers.js';

type Activity = {
  type: string;
  text?: string;
  from?: { role?: string };
  entities?: { type: string; streamType?: string; streamId?: string }[];
  attachments?: unknown[];
};
const streamInfo = (a: Activity) => a.entities?.find((e) => e.type === 'streaminfo');

describe('generative answers in Web Chat (bridge → adapter → agent), with an OpenAI-compatible stub server', () => {
  let bot: LoadedBot;
  let stub: LlmStubServer;
  let app: Loopback;

  beforeAll(async () => {
    ({ bot, stub } = await botWithStub());
    app = await startLoopback(bot);
  });
  afterAll(async () => {
    await app?.close();
    await stub?.close();
  });

  /** Starts a conversation without a welcome, asks QUESTION, and reads the bot's activities until its answer. */
  async function turn(completion: StubCompletion): Promise<Activity[]> {
    stub.respond(completion);
    const started = await fetch(`${app.url}/webchat/conversations?greet=0`, { method: 'POST' });
    const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };
    const base = `${app.url}/webchat/conversations/${conversationId}`;
    const controller = new AbortController();
    const stream = await fetch(`${base}/stream?token=${token}`, { signal: controller.signal });
    const posted = await fetch(`${base}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ type: 'message', text: QUESTION }),
    });
    expect(posted.status).toBe(200);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const activities: Activity[] = [];
    let buffer = '';
    const answered = () => activities.some((a) => a.type === 'message' && a.from?.role === 'bot');
    while (!answered() && activities.length < 100) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .find((l) => l.startsWith('data: '));
        buffer = buffer.slice(end + 2);
        if (data) activities.push(JSON.parse(data.slice(6)) as Activity);
      }
    }
    controller.abort();
    return activities.filter((a) => a.from?.role === 'bot');
  }

  it('typing, then the verified sentences streamed, then the final message with its sources card', async () => {
    const activities = await turn({ kind: 'stream', text: `${GOOD} A 0.5 mg/kg dose of ketamine works [1].` });
    const streaming = activities.filter((a) => a.type === 'typing' && streamInfo(a)?.streamType === 'streaming');
    expect(streaming.length).toBeGreaterThan(0);
    const final = activities.at(-1) as Activity;
    expect(final.type).toBe('message');
    expect(streamInfo(final)?.streamType).toBe('final');
    expect(final.text).toMatch(/called glutamate in the brain\. \[1\].*disorders\. \[2\]/s);
    // Web Chat shows the disclaimer once under the input, not in the bubble.
    expect(final.text).not.toContain(FOOTER);
    expect(final.attachments).toHaveLength(1);
    // Only verified text was ever streamed: every streamed text is a prefix of the final answer, no dose in any.
    for (const a of streaming) {
      expect(final.text?.startsWith(a.text ?? '')).toBe(true);
      expect(a.text).not.toMatch(/mg/);
    }
    // A typing indicator came first (before any text).
    const firstTyping = activities.findIndex((a) => a.type === 'typing' && streamInfo(a) === undefined);
    expect(firstTyping).toBeGreaterThanOrEqual(0);
    expect(firstTyping).toBeLessThan(activities.indexOf(streaming[0] as Activity));
  });

  it('a failing model: no stream, the extractive answer as an ordinary message', async () => {
    const activities = await turn({ kind: 'status', status: 500 });
    const final = activities.at(-1) as Activity;
    expect(activities.filter((a) => streamInfo(a) !== undefined)).toHaveLength(0);
    // Web Chat links each [n] to its source; without the links the text is the extractive answer's.
    const unlinked = final.text?.replace(/\[\[(\d+)\]\]\([^)]*\)/g, '[$1]');
    expect(unlinked).toBe((await bot.answerer.answer(QUESTION)).text);
    expect(final.attachments).toHaveLength(1);
  });
});
