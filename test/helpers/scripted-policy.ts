import type { SafetyModel } from '../../src/safety/classifier/model.js';
import { createSafetyPolicy, type LoadedSafetyPolicy } from '../../src/safety/policy.js';
import { HashEmbeddings } from '../doubles/hash-embeddings.js';

let current: SafetyModel | undefined;
let inFlight = 0;

/** The classifier the shared policy was built with: it asks whichever model the running test passed. */
const delegate: SafetyModel = {
  get thresholds() {
    return (current as SafetyModel).thresholds;
  },
  classify: (vector, text) => (current as SafetyModel).classify(vector, text),
};

let shared: LoadedSafetyPolicy | undefined;

/**
 * The REAL safety policy (bundled rules, lexicon, seed vocabulary) over 512-dimensional hash embeddings, judging with
 * `model`. Built once per vitest worker and shared: `createSafetyPolicy` parses every seed file under
 * src/safety/training and the lexicon (~0.3 s of CPU each time, growing with the seed files), and the policy test
 * files built one per test (~70 of them). The policy keeps no state between calls and reads `model.classify` and
 * `model.thresholds` on every call, so a test sees exactly what its own `createSafetyPolicy` would have given it.
 * Calls must not overlap with another model's (the tests using this run one after another); an overlap throws.
 */
export function policyWith(model: SafetyModel): LoadedSafetyPolicy {
  shared ??= createSafetyPolicy({ embeddings: new HashEmbeddings(512), model: delegate });
  const policy = shared;
  const use = () => {
    if (inFlight > 0 && current !== model) throw new Error('policyWith: two scripted models used at once');
    current = model;
  };
  return {
    rules: policy.rules,
    extraTexts(message, conversation) {
      use();
      return policy.extraTexts(message, conversation);
    },
    async classify(message, conversation, options) {
      use();
      inFlight++;
      try {
        return await policy.classify(message, conversation, options);
      } finally {
        inFlight--;
      }
    },
  };
}
