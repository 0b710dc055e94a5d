import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBot, sampleAnswer } from '../../helpers/fake-bot.js';
import { post, readBridgeStream, recording, startApp, waitFor } from '../botframework/helpers.js';

const FEEDBACK_EVENT = 'webchat:activity-status/feedback';

describe('Web Chat bridge: feedback comments and the greeting', () => {
  const bot = recording(fakeBot(() => sampleAnswer()));
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp({ bot });
  });
  afterAll(() => app.close());

  async function start(query = '') {
    const res = await post(`${app.url}/webchat/conversations${query}`, {});
    expect(res.status).toBe(201);
    return res.body as { conversationId: string; token: string; userId: string };
  }

  it('stores a thumbs-down, then the comment sent after it, as one vote with the comment', async () => {
    const session = await start();
    const base = `${app.url}/webchat/conversations/${session.conversationId}`;
    const auth = { authorization: `Bearer ${session.token}` };
    await post(`${base}/activities`, { type: 'message', text: 'How many infusions?' }, auth);
    await waitFor(() => bot.replies.length > 0);
    const turnId = bot.replies.at(-1)!.meta.turnId;
    const entities = [{ '@type': 'DislikeAction', '@id': turnId, description: 'answer' }];
    await post(`${base}/activities`, { type: 'event', name: FEEDBACK_EVENT, entities }, auth);
    await waitFor(() => app.feedback.items.some((f) => f.turnId === turnId));
    expect(app.feedback.items.find((f) => f.turnId === turnId)?.comment).toBeUndefined();
    await post(
      `${base}/activities`,
      { type: 'event', name: FEEDBACK_EVENT, entities, value: { comment: '  Too vague.  ' } },
      auth,
    );
    await waitFor(() => app.feedback.items.some((f) => f.turnId === turnId && f.comment !== undefined));
    expect(app.feedback.items.filter((f) => f.turnId === turnId)).toEqual([
      expect.objectContaining({ rating: 'down', comment: 'Too vague.', channel: 'webchat', voterId: session.userId }),
    ]);
  });

  it('greets a new conversation, but not one started with ?greet=0 (a replaced conversation)', async () => {
    for (const [query, greeted] of [
      ['', true],
      ['?greet=0', false],
    ] as const) {
      const session = await start(query);
      const base = `${app.url}/webchat/conversations/${session.conversationId}`;
      // Turns of one conversation run in order, so once the answer (with its sources card) is streamed, a welcome
      // (a bot message without one) would have been too.
      await post(
        `${base}/activities`,
        { type: 'message', text: 'marker' },
        { authorization: `Bearer ${session.token}` },
      );
      const events = await readBridgeStream(`${base}/stream?token=${session.token}`, (a) =>
        a.some((x) => x.type === 'message' && x.attachments),
      );
      const welcome = events.some((x) => x.type === 'message' && x.from?.role === 'bot' && !x.attachments);
      expect(welcome, query).toBe(greeted);
    }
  });
});
