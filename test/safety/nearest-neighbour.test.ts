import { Embeddings } from '@langchain/core/embeddings';
import { describe, expect, it } from 'vitest';
import { newConversation } from '../../src/core/conversation.js';
import { createSafetyPolicy } from '../../src/safety/policy.js';
import { bundledPolicyObject, tempDir, writePolicy } from './helpers.js';

/** One dimension per cue word: similarities are exact and known, so margins can be tested precisely. */
const VOCAB = ['crisisw', 'dosew', 'medw', 'illw', 'oosw', 'smallw', 'genw'];
class CueEmbeddings extends Embeddings {
  readonly modelId = 'cue-test';
  constructor() {
    super({});
  }
  async embedDocuments(texts: string[]) {
    return texts.map((t) => this.vector(t));
  }
  async embedQuery(text: string) {
    return this.vector(text);
  }
  private vector(text: string) {
    const v = VOCAB.map((w) => (text.split(/\s+/).includes(w) ? 1 : 0));
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  }
}

async function cuePolicy() {
  const policy = bundledPolicyObject();
  policy.rules = [{ id: 'never', category: 'dosing', pattern: '^never-matches$' }];
  policy.scope = { ...(policy.scope as object), domain: ['\\bketamine\\b'], topical: [] };
  const labels = ['crisis', 'dosing', 'medical_advice', 'illegal_use', 'out_of_scope', 'smalltalk', 'general'];
  policy.exemplars = labels.map((label, i) => ({ id: `cue-${label}`, label, text: VOCAB[i] }));
  policy.classifier = { k: 1, min_similarity: 0.7, margin: 0.1, crisis_min_similarity: 0.6, crisis_margin: 0.03, general_min_similarity: 0.5, smalltalk_min_similarity: 0.6 };
  return createSafetyPolicy({ embeddings: new CueEmbeddings(), policyFile: writePolicy(tempDir(), policy) });
}

describe('nearest-neighbour over exemplars', () => {
  it('decides a refusal when one label is close and clearly ahead, and names the exemplar', async () => {
    const policy = await cuePolicy();
    expect(await policy.classify('dosew', newConversation())).toMatchObject({ kind: 'refusal', category: 'dosing', rule: 'cue-dosing' });
    expect(await policy.classify('illw', newConversation())).toMatchObject({ kind: 'refusal', category: 'illegal_use', rule: 'cue-illegal_use' });
  });

  it('falls back to pass when two labels tie (no margin) on an on-topic message', async () => {
    const policy = await cuePolicy();
    // similarity 0.577 to both dosing and medical advice: below the bar and no margin
    expect(await policy.classify('dosew medw ketamine', newConversation())).toMatchObject({ action: 'pass', rule: 'scope:domain' });
  });

  it('takes crisis at a lower bar than refusals', async () => {
    const policy = await cuePolicy();
    // 0.707 to crisis and to smalltalk: crisis margin 0 → no; add a little crisis weight → yes
    expect(await policy.classify('crisisw crisisw', newConversation())).toMatchObject({ kind: 'crisis', rule: 'cue-crisis' });
    expect(await policy.classify('crisisw dosew', newConversation())).not.toMatchObject({ kind: 'crisis' });
  });

  it('a message with no topic words must look like a general exemplar to pass', async () => {
    const policy = await cuePolicy();
    expect(await policy.classify('genw', newConversation())).toMatchObject({ action: 'pass', rule: 'scope:exemplar' });
    expect(await policy.classify('oosw', newConversation())).toMatchObject({ kind: 'out_of_scope', rule: 'cue-out_of_scope' });
    expect(await policy.classify('nothing known here', newConversation())).toMatchObject({ kind: 'out_of_scope', rule: 'scope:no-topic' });
  });
});
