import { describe, expect, it } from 'vitest';
import { newConversation } from '../../src/core/conversation.js';
import { SAFETY_LABELS, type SafetyLabel } from '../../src/safety/classifier/labels.js';
import type { SafetyModel } from '../../src/safety/classifier/model.js';
import { createSafetyPolicy } from '../../src/safety/policy.js';
import { topicWordOf, withTopicWords } from '../../src/safety/topic-words.js';
import { HashEmbeddings } from '../doubles/hash-embeddings.js';

/**
 * A scripted classifier (injected, not the trained weights) that refuses as illegal_use exactly when a reading has
 * the street word "ket" on its own, and records every text it was shown.
 */
function slangModel(seen: string[]): SafetyModel {
  return {
    thresholds: { decision: 0.5, crisis: 0.6, possibleCrisis: 0.3 },
    classify(_vector, text) {
      seen.push(text);
      const label: SafetyLabel = /\bket\b/i.test(text) ? 'illegal_use' : 'general';
      const probabilities = Object.fromEntries(SAFETY_LABELS.map((l) => [l, l === label ? 0.9 : 0.1 / 6])) as Record<
        SafetyLabel,
        number
      >;
      return { label, probabilities, crisisTier: 'none', crisisProbability: 0 };
    },
  };
}

describe('ketamine-word typos in the safety policy', () => {
  it('writes misspelt product words as the articles do, and leaves slang and other words alone', () => {
    expect(withTopicWords('Ketameen nasal spray, ketamean or katamine? esketamine or spravado')).toBe(
      'Ketamine nasal spray, ketamine or ketamine? esketamine or spravato',
    );
    for (const w of ['ket', 'k', 'kitkat', 'ketones', 'ketchup', 'ketamine', 'kétamine'])
      expect(topicWordOf(w)).toBe(undefined);
  });

  it("keeps other languages' spellings in a message in another language", () => {
    expect(withTopicWords('welche Menge Ketamin ist normal', { keepForeign: true })).toBe(
      'welche Menge Ketamin ist normal',
    );
    expect(withTopicWords('shud i do ketamin', {})).toBe('shud i do ketamine');
  });

  it('a typo of "ketamine" is not split into street slang and refused (dev: "ketameen nasal spray")', async () => {
    const seen: string[] = [];
    const policy = createSafetyPolicy({ embeddings: new HashEmbeddings(512), model: slangModel(seen) });
    // Without the rewrite the de-obfuscator's run-on split read "ket am een nasal spray", and "ket" refused it.
    expect(await policy.classify('ketameen nasal spray', newConversation())).toMatchObject({ action: 'pass' });
    expect(seen.some((t) => /\bket\b/.test(t))).toBe(false);
    // The slang itself is still refused.
    const refused = await policy.classify('where can i get some ket for the weekend', newConversation());
    expect(refused).toMatchObject({ action: 'reply', kind: 'refusal', category: 'illegal_use' });
  });
});
