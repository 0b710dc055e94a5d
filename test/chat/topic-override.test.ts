import { describe, expect, it } from 'vitest';
import type { Answerer } from '../../src/answer/answerer.js';
import { createTurnHandler } from '../../src/chat/handle-turn.js';
import { TOPIC_OVERRIDE_RULE } from '../../src/chat/topic-override.js';
import { newConversation } from '../../src/core/conversation.js';
import { silentLogger } from '../../src/logger.js';
import { SAFETY_LABELS, type SafetyLabel } from '../../src/safety/classifier/labels.js';
import type { SafetyModel } from '../../src/safety/classifier/model.js';
import { createSafetyPolicy } from '../../src/safety/policy.js';
import { allowAllGuard, type PolicyDecision } from '../../src/safety/types.js';
import { HashEmbeddings } from '../doubles/hash-embeddings.js';

const OUT_OF_SCOPE = { action: 'reply', kind: 'out_of_scope', text: 'Only ketamine.', rule: 'model' } as const;

/** A handler whose policy always decides `decision` and whose answerer answers with `confidence` (fakes). */
function handlerWith(decision: PolicyDecision, confidence: number) {
  const asked: string[] = [];
  const answerer = {
    answer: async (query: string) => {
      asked.push(query);
      return {
        kind: 'answer',
        text: 'It is studied for chronic pain.',
        citations: [],
        suggestions: [],
        confidence,
        guardRemoved: 0,
      };
    },
    suggestions: { examples: (n: number) => ['Is ketamine safe?'].slice(0, n) },
  } as unknown as Answerer;
  const policy = { classify: async () => decision };
  const handle = createTurnHandler({ answerer, policy, guard: allowAllGuard, logger: silentLogger, historyTurns: 6 });
  return { asked, ask: (message: string) => handle({ message, channel: 'eval' }, newConversation()) };
}

describe('an unsure out_of_scope overruled by retrieval', () => {
  it('answers when the policy was unsure and retrieval is nearly certain (dev: "chronic pain")', async () => {
    const reply = await handlerWith({ ...OUT_OF_SCOPE, score: 0.67 }, 0.998).ask('chronic pain');
    expect(reply).toMatchObject({ kind: 'answer', meta: { policyRule: TOPIC_OVERRIDE_RULE } });
  });

  it('keeps the possible-crisis line when it answers', async () => {
    const reply = await handlerWith({ ...OUT_OF_SCOPE, score: 0.6, support: 'Call 988.' }, 1).ask('chronic pain');
    expect(reply.kind).toBe('answer');
    expect(reply.text).toContain('Call 988.');
  });

  it('declines when retrieval is not sure enough, or the policy was sure, or a rule decided', async () => {
    expect((await handlerWith({ ...OUT_OF_SCOPE, score: 0.7 }, 0.97).ask('write me a poem')).kind).toBe('out_of_scope');
    expect((await handlerWith({ ...OUT_OF_SCOPE, score: 0.9 }, 1).ask('best migraine treatment')).kind).toBe(
      'out_of_scope',
    );
    expect((await handlerWith({ ...OUT_OF_SCOPE, rule: 'language:es', score: 0.5 }, 1).ask('hola')).kind).toBe(
      'out_of_scope',
    );
    expect((await handlerWith(OUT_OF_SCOPE, 1).ask('no score')).kind).toBe('out_of_scope');
  });

  it('never overrules a refusal or a crisis reply, however answerable (safety first)', async () => {
    const refusal = handlerWith(
      { action: 'reply', kind: 'refusal', category: 'dosing', text: 'No doses.', rule: 'model' },
      1,
    );
    expect((await refusal.ask('how much should I take')).kind).toBe('refusal');
    expect(refusal.asked).toEqual([]);
    const crisis = handlerWith({ action: 'reply', kind: 'crisis', text: 'Call 988.', rule: 'model:crisis' }, 1);
    expect((await crisis.ask('i want to end it')).kind).toBe('crisis');
    expect(crisis.asked).toEqual([]);
  });

  it("the policy's out_of_scope decision carries the classifier's probability", async () => {
    const model: SafetyModel = {
      thresholds: { decision: 0.5, crisis: 0.6, possibleCrisis: 0.3 },
      classify: () => ({
        label: 'out_of_scope',
        probabilities: Object.fromEntries(SAFETY_LABELS.map((l) => [l, l === 'out_of_scope' ? 0.7 : 0.05])) as Record<
          SafetyLabel,
          number
        >,
        crisisTier: 'none',
        crisisProbability: 0,
      }),
    };
    const policy = createSafetyPolicy({ embeddings: new HashEmbeddings(512), model });
    const decision = await policy.classify('what is the capital of peru', newConversation());
    expect(decision).toMatchObject({ kind: 'out_of_scope', rule: 'model', score: 0.7 });
  });
});
