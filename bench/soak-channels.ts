import { createServer, type Server } from 'node:http';

/** One turn's outcome: HTTP status of the turn (0 = connection error) and wall time to the answer. */
export interface TurnResult {
  channel: string;
  status: number;
  ms: number;
}

/** Conversation state a soak worker carries between turns. */
export interface WorkerState {
  apiConversation?: string;
  webchat?: { id: string; token: string; turns: number };
  forwardedFor: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

async function post(
  url: string,
  body: unknown,
  state: WorkerState,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { ...JSON_HEADERS, 'x-forwarded-for': state.forwardedFor, ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
}

/** `/api/ask`: a new conversation, or the worker's current one (a follow-up turn). */
export async function apiTurn(base: string, message: string, state: WorkerState, continuing: boolean): Promise<number> {
  const res = await post(
    `${base}/api/ask`,
    continuing && state.apiConversation ? { message, conversationId: state.apiConversation } : { message },
    state,
  );
  const body = (await res.json().catch(() => ({}))) as { conversationId?: string };
  if (res.status === 200) state.apiConversation = body.conversationId;
  return res.status;
}

/**
 * Web Chat bridge: post the message, then read the conversation's SSE stream until the bot's reply to it arrives
 * (the post itself returns at once; the answer is what a visitor waits for). A new conversation every 10 turns.
 */
export async function webchatTurn(base: string, message: string, state: WorkerState): Promise<number> {
  if (!state.webchat || state.webchat.turns >= 10) {
    const res = await post(`${base}/webchat/conversations`, {}, state);
    if (res.status !== 201) return res.status;
    const created = (await res.json()) as { conversationId: string; token: string };
    state.webchat = { id: created.conversationId, token: created.token, turns: 0 };
  }
  const { id, token } = state.webchat;
  state.webchat.turns++;
  const posted = await post(
    `${base}/webchat/conversations/${id}/activities`,
    { type: 'message', text: message },
    state,
    { authorization: `Bearer ${token}` },
  );
  if (posted.status !== 200) return posted.status;
  const activityId = ((await posted.json()) as { id: string }).id;
  const stream = await fetch(`${base}/webchat/conversations/${id}/stream?token=${encodeURIComponent(token)}`, {
    signal: AbortSignal.timeout(30_000),
  });
  if (!stream.body) return 0;
  const reader = stream.body.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 0;
      // Keep only the tail: the replay can be long, the marker is short.
      seen = (seen + decoder.decode(value, { stream: true })).slice(-20_000);
      if (seen.includes(`"replyToId":"${activityId}"`) && /"role":"bot"|"name":"Ketamine FAQ"/.test(seen)) return 200;
    }
  } catch {
    return 0;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** `/api/messages` (Bot Framework, anonymous on loopback): the bot replies to `serviceUrl`, our local sink. */
export async function botFrameworkTurn(
  base: string,
  message: string,
  state: WorkerState,
  sinkUrl: string,
  n: number,
): Promise<number> {
  const res = await post(
    `${base}/api/messages`,
    {
      type: 'message',
      id: `soak-${n}`,
      text: message,
      channelId: 'emulator',
      serviceUrl: sinkUrl,
      conversation: { id: `soak-conversation-${n % 500}` },
      from: { id: `soak-user-${n % 500}` },
      recipient: { id: 'ketamine-faq-bot' },
    },
    state,
  );
  await res.arrayBuffer();
  return res.status;
}

/** A loopback listener standing in for the Bot Framework channel service: accepts every reply with 200. */
export async function startSink(): Promise<{ url: string; replies: () => number; close: () => Promise<void> }> {
  let replies = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      replies++;
      res.writeHead(200, JSON_HEADERS).end(JSON.stringify({ id: `sink-${replies}` }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    replies: () => replies,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
