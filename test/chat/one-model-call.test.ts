/**
 * Issue 11 known cut: one embedding call per turn. The safety policy's extra readings of a message (its clauses, a
 * decoded obfuscation, the message joined to the previous turn) ride in the message's own model call, and a repeated
 * question costs none. The real policy, a counting fake model behind the real UseLiteEmbeddings, a stub answerer.
 */
import { describe, expect, it } from 'vitest';
import type { Answerer } from '../../src/answer/answerer.js';
import { createTurnHandler } from '../../src/chat/handle-turn.js';
import { newConversation, type Conversation } from '../../src/core/conversation.js';
import type { RawEmbedder } from '../../src/embeddings/checked-batch.js';
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { silentLogger } from '../../src/logger.js';
import { createSafetyPolicy } from '../../src/safety/policy.js';
import { allowAllGuard, passThroughPolicy } from '../../src/safety/types.js';
import { turn } from '../safety/helpers.js';
import { HashEmbeddings } from '../doubles/hash-embeddings.js';

/** Hashed bag-of-words vectors of USE-lite's size, with every model call (batch) recorded. */
class CountingModel implements RawEmbedder {
  readonly calls: string[][] = [];
  private readonly hash = new HashEmbeddings(512);
  async embed(texts: string[]): Promise<number[][]> {
    this.calls.push(texts);
    return this.hash.embedDocuments(texts);
  }
}

/** Retrieval's part of a turn, as the real answerer does it: its query embedded through the same embedder. */
const answererOver = (embeddings: { embedQuery(text: string): Promise<number[]> }, queries: string[] = []) =>
  ({
    answer: async (query: string) => {
      queries.push(query);
      await embeddings.embedQuery(query);
      return { kind: 'no_answer', text: 'No.', citations: [], suggestions: [], confidence: 0, guardRemoved: 0 };
    },
    suggestions: { examples: (n: number) => ['Is ketamine safe?', 'How is it given?', 'Is it addictive?'].slice(0, n) },
  }) as unknown as Answerer;

/** The real policy over a counting model; `policy: 'pass'` lets every message through to (stub) retrieval. */
function setup(options: { policy?: 'pass' } = {}) {
  const model = new CountingModel();
  const embeddings = new UseLiteEmbeddings({ model });
  const policy = createSafetyPolicy({ embeddings });
  const queries: string[] = [];
  // The policy tests leave retrieval out: a refusal's general passages embed a query only the verdict names.
  const answerer = options.policy === 'pass' ? answererOver(embeddings, queries) : answererOver(unused);
  const handle = createTurnHandler({
    answerer,
    policy: options.policy === 'pass' ? passThroughPolicy : policy,
    guard: allowAllGuard,
    logger: silentLogger,
    embeddings,
    historyTurns: 6,
  });
  return { model, policy, handle, queries };
}

/** For the stub answerer of the policy tests: retrieval's own embedding is not what they count. */
const unused = { embedQuery: async () => [] as number[] };

const MULTI_CLAUSE = "I'm new here. Is ketamine safe for teenagers, and how long does one session last?";
const OBFUSCATED = 'h o w  m u c h  k e t a m i n e  s h o u l d  i  t a k e';
const afterAnswer = (): Conversation => ({
  ...newConversation(),
  turns: [turn('What happens during a ketamine infusion?', 'answer')],
});

describe('one embedding call per turn', () => {
  it.each([
    ['a multi-clause message', MULTI_CLAUSE, newConversation],
    ['an obfuscated message', OBFUSCATED, newConversation],
    ['a short follow-up', 'and that lasts how long?', afterAnswer],
    ['a multi-clause follow-up', 'ok thanks, and is it safe?', afterAnswer],
  ])('%s makes exactly one model call, with every reading the policy needs', async (_, message, conversation) => {
    const { model, policy, handle } = setup();
    const extra = policy.extraTexts(message, conversation());
    expect(extra.length).toBeGreaterThan(0);
    const warm = model.calls.length; // (nothing yet: the policy loads no vectors of its own)
    await handle({ message, channel: 'eval' }, conversation());
    expect(model.calls.length - warm).toBe(1);
    expect(model.calls[0]?.slice(0, extra.length + 1)).toEqual([message, ...extra]);
  });

  it('decides exactly as when the policy embeds its readings itself', async () => {
    for (const [message, conversation] of [
      [MULTI_CLAUSE, newConversation],
      [OBFUSCATED, newConversation],
      ['and that lasts how long?', afterAnswer],
    ] as const) {
      const { handle } = setup();
      const batched = await handle({ message, channel: 'eval' }, conversation());
      // The same policy over an embedder without `embedQueries`: the message alone, then the policy's own call.
      const hash = new HashEmbeddings(512);
      const plain = { embedQuery: (t: string) => hash.embedQuery(t) };
      const policy = createSafetyPolicy({ embeddings: hash });
      const separate = await createTurnHandler({
        answerer: answererOver(plain),
        policy,
        guard: allowAllGuard,
        logger: silentLogger,
        embeddings: plain,
        historyTurns: 6,
      })({ message, channel: 'eval' }, conversation());
      expect({ kind: batched.kind, rule: batched.meta.policyRule, text: batched.text }).toEqual({
        kind: separate.kind,
        rule: separate.meta.policyRule,
        text: separate.text,
      });
    }
  });

  it('a message retrieval searches in another form (contractions expanded) makes one model call', async () => {
    const { model, handle, queries } = setup({ policy: 'pass' });
    const message = 'whats the upside of the drip compared to just waiting on pills';
    await handle({ message, channel: 'eval' }, newConversation());
    expect(queries).toEqual(['what is the upside of the drip compared to just waiting on pills']);
    expect(model.calls).toHaveLength(1);
    expect(model.calls[0]).toContain(queries[0]);
  });

  it('a repeated question makes no model call at all', async () => {
    const { model, handle } = setup();
    await handle({ message: MULTI_CLAUSE, channel: 'eval' }, newConversation());
    const calls = model.calls.length;
    await handle({ message: MULTI_CLAUSE, channel: 'eval' }, newConversation());
    expect(model.calls.length).toBe(calls);
  });
});
