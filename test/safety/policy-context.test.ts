import { describe, expect, it } from 'vitest';
import { newConversation, type Conversation } from '../../src/core/conversation.js';
import { SAFETY_LABELS, type SafetyLabel } from '../../src/safety/classifier/labels.js';
import type { SafetyClassification, SafetyModel } from '../../src/safety/classifier/model.js';
import { createSafetyPolicy } from '../../src/safety/policy.js';
import { TEXTS } from '../../src/safety/texts.js';
import { HashEmbeddings } from '../doubles/hash-embeddings.js';
import { policyWith } from '../helpers/scripted-policy.js';
import { CountingEmbeddings, turn } from './helpers.js';

/**
 * A scripted classifier (injected, not the trained weights): each text gets the verdict its script says, so these
 * tests pin the policy's own logic: joined follow-ups, other-language refusals and one batched embedding call.
 */
function scriptedModel(script: (text: string) => Partial<SafetyClassification> & { label: SafetyLabel }): SafetyModel {
  return {
    thresholds: { decision: 0.5, crisis: 0.6, possibleCrisis: 0.3 },
    classify(_vector, text) {
      const { label, ...rest } = script(text);
      const probabilities = Object.fromEntries(SAFETY_LABELS.map((l) => [l, l === label ? 0.9 : 0.1 / 6])) as Record<
        SafetyLabel,
        number
      >;
      const crisisTier = rest.crisisTier ?? (label === 'crisis' ? 'crisis' : 'none');
      return { label, probabilities, crisisTier, crisisProbability: crisisTier === 'crisis' ? 0.9 : 0, ...rest };
    },
  };
}

const embeddings = () => new CountingEmbeddings(new HashEmbeddings(512));
const afterAnswer = (message: string): Conversation => ({ id: 'c', turns: [turn(message, 'answer')] });

describe('policy context: short follow-ups, other languages, one embedding call', () => {
  // The detector alone takes the short follow-up for despair; read with the answered question before it, it is not.
  const followUpModel = scriptedModel((text) =>
    text === 'and that lasts how long?' ? { label: 'crisis' } : { label: 'general' },
  );

  it('a short follow-up the detector flags alone, but not with its answered context, gets the supportive line', async () => {
    const policy = policyWith(followUpModel);
    const decision = await policy.classify('and that lasts how long?', afterAnswer('what happens during an infusion'));
    expect(decision).toMatchObject({ action: 'pass', support: TEXTS.support });
  });

  it('the same message in a fresh chat, or after a refusal, stays a crisis', async () => {
    const policy = policyWith(followUpModel);
    expect(await policy.classify('and that lasts how long?', newConversation())).toMatchObject({ kind: 'crisis' });
    const afterRefusal: Conversation = { id: 'c', turns: [turn('how much should I take', 'refusal', 'dosing')] };
    expect(await policy.classify('and that lasts how long?', afterRefusal)).toMatchObject({ kind: 'crisis' });
  });

  it('"I\'ve been on X" then a short "…alongside ketamine?" is personal medical advice by the pair rule', async () => {
    // The model calls everything general, so only the own-medicines rule reading the pair can refuse; the
    // contraction "I've been" was missing from it (dev: a medicine named in the turn before, then "is that okay
    // alongside ketamine?", was answered).
    const policy = policyWith(scriptedModel(() => ({ label: 'general' })));
    const decision = await policy.classify(
      'could that be a problem alongside ketamine?',
      afterAnswer("I've been on sertraline since the spring."),
    );
    expect(decision).toMatchObject({ action: 'reply', kind: 'refusal', category: 'medical_advice' });
  });

  it('another language with no lexicon cue gets the classifier refusal, not the bare English-only reply', async () => {
    const model = scriptedModel(() => ({ label: 'dosing' }));
    const policy = policyWith(model);
    const decision = await policy.classify('welche Menge Ketamin wäre für mich die richtige', newConversation());
    expect(decision).toMatchObject({ action: 'reply', kind: 'refusal', category: 'dosing' });
  });

  it('decoded readings, clauses and the joined follow-up are embedded in one batched call', async () => {
    const counting = embeddings();
    const policy = createSafetyPolicy({
      embeddings: counting,
      model: scriptedModel(() => ({ label: 'out_of_scope' })),
    });
    const encoded = Buffer.from('what is the weather like today').toString('base64');
    const message = `please read this, it is for a friend: ${encoded}`;
    await policy.classify(message, afterAnswer('what is ketamine'), { vector: new Array(512).fill(0) });
    expect(counting.documentsEmbedded).toBeGreaterThanOrEqual(3);
    expect(counting.documentCalls).toBe(1);
    expect(counting.queriesEmbedded).toBe(0);
  });
});
