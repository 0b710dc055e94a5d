import { describe, expect, it } from 'vitest';
import type { Answerer } from '../../src/answer/answerer.js';
import { createTurnHandler } from '../../src/chat/handle-turn.js';
import { newConversation } from '../../src/core/conversation.js';
import { silentLogger } from '../../src/logger.js';
import { SAFETY_LABELS, type SafetyLabel } from '../../src/safety/classifier/labels.js';
import type { SafetyModel } from '../../src/safety/classifier/model.js';
import { createSafetyPolicy } from '../../src/safety/policy.js';
import { spelledForClassifier } from '../../src/safety/spelled-text.js';
import { allowAllGuard, type ClassifyOptions } from '../../src/safety/types.js';
import { HashEmbeddings } from '../doubles/hash-embeddings.js';

/** Scripted classifier (injected): an unknown typo reads as off-topic, "snort" as illegal use; records its texts. */
function scriptedModel(seen: string[]): SafetyModel {
  return {
    thresholds: { decision: 0.5, crisis: 0.6, possibleCrisis: 0.3 },
    classify(_vector, text) {
      seen.push(text);
      const label: SafetyLabel = /\bsnort\b/.test(text)
        ? 'illegal_use'
        : /infushion/.test(text)
          ? 'out_of_scope'
          : 'general';
      const probabilities = Object.fromEntries(SAFETY_LABELS.map((l) => [l, l === label ? 0.9 : 0.1 / 6])) as Record<
        SafetyLabel,
        number
      >;
      return { label, probabilities, crisisTier: 'none', crisisProbability: 0 };
    },
  };
}

describe("the classifier's n-grams read the spelling-corrected text", () => {
  it('takes corrections of words the training prompts lack, keeps the words they have', () => {
    const known = new Set(['snort', 'best', 'way', 'to', 'it']);
    expect(spelledForClassifier('how long is an infushion', 'how long is an infusion', known)).toBe(
      'how long is an infusion',
    );
    expect(spelledForClassifier('best way to snort it', 'best way to short it', known)).toBe('best way to snort it');
    // Not aligned word for word: the text as typed.
    expect(spelledForClassifier('a b c', 'a b', known)).toBe('a b c');
  });

  it('a typo the classifier never saw no longer makes a ketamine question off-topic; a refusal cue stays', async () => {
    const seen: string[] = [];
    const embeddings = new HashEmbeddings(512);
    const policy = createSafetyPolicy({ embeddings, model: scriptedModel(seen) });
    const vector = await embeddings.embedQuery('how long is a ketamine infusion');
    const options: ClassifyOptions = { vector, spelled: 'how long is a ketamine infusion' };
    expect(await policy.classify('how long is a ketamine infushion', newConversation(), options)).toMatchObject({
      action: 'pass',
    });
    const snort = { vector, spelled: "what's the best way to short it" };
    expect(await policy.classify("what's the best way to snort it", newConversation(), snort)).toMatchObject({
      kind: 'refusal',
      category: 'illegal_use',
    });
  });

  it('handleTurn hands the policy the corrected text its vector embeds', async () => {
    const given: ClassifyOptions[] = [];
    const answerer = {
      answer: async () => ({
        kind: 'no_answer',
        text: 'No.',
        citations: [],
        suggestions: [],
        confidence: 0,
        guardRemoved: 0,
      }),
      suggestions: { examples: () => [] },
    } as unknown as Answerer;
    const handle = createTurnHandler({
      answerer,
      policy: {
        classify: async (_m, _c, o = {}) => {
          given.push(o);
          return { action: 'pass' };
        },
      },
      guard: allowAllGuard,
      logger: silentLogger,
      historyTurns: 6,
      embeddings: new HashEmbeddings(64),
      spelling: (m) => m.replace('infushion', 'infusion'),
    });
    await handle({ message: 'how long is an infushion', channel: 'eval' }, newConversation());
    expect(given[0]?.spelled).toBe('how long is an infusion');
  });
});
