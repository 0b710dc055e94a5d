import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedBot } from '../../src/chat/create-bot.js';
import { activity, post, startApp, startFakeChannel } from '../channels/botframework/helpers.js';
import type { LlmStubServer } from '../doubles/llm-stub-server.js';
import { botWithStub, GOOD, QUESTION } from './helpers.js';

describe('generative answers in Teams (Agents SDK streaming), with an OpenAI-compatible stub server', () => {
  let bot: LoadedBot;
  let stub: LlmStubServer;
  let channel: Awaited<ReturnType<typeof startFakeChannel>>;
  let app: Awaited<ReturnType<typeof startApp>>;

  beforeAll(async () => {
    ({ bot, stub } = await botWithStub());
    channel = await startFakeChannel();
    app = await startApp({ bot });
  });
  afterAll(async () => {
    await app?.close();
    await channel?.close();
    await stub?.close();
  });

  it('streams verified sentences as streaminfo typing activities, then the final message with AI citations', async () => {
    stub.respond({ kind: 'stream', text: `${GOOD} Ketamine is a miracle [1].` });
    const res = await post(
      `${app.url}/api/messages`,
      activity(channel.url, { text: QUESTION, conversation: { id: 'teams-llm-1', conversationType: 'personal' } }),
    );
    expect(res.status).toBe(200);
    const out = channel.received.filter((r) => r.conversationId === 'teams-llm-1').map((r) => r.activity);
    const info = (a: Record<string, any>) => a.entities?.find((e: any) => e.type === 'streaminfo');
    const streaming = out.filter((a) => a.type === 'typing' && info(a)?.streamType === 'streaming');
    expect(streaming.length).toBeGreaterThan(0);
    const final = out.at(-1) as Record<string, any>;
    expect(final.type).toBe('message');
    expect(info(final)?.streamType).toBe('final');
    // Later updates carry the id of the first one (Teams replaces the streamed message in place).
    expect(info(final)?.streamId).toBeTruthy();
    expect(final.text).toMatch(/glutamate in the brain\. \[1\].*disorders\. \[2\]/s);
    expect(final.text).not.toContain('miracle');
    const ai = final.entities.find((e: any) => e.type === 'https://schema.org/Message');
    expect(ai.citation.map((c: any) => c.position)).toEqual([1, 2]);
    for (const a of streaming) expect(final.text.startsWith(a.text)).toBe(true);
  });
});
