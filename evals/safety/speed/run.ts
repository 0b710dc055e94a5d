/**
 * `npx tsx evals/safety/speed/run.ts`: what the safety policy costs beyond the turn's shared embedding. Embeds every dev
 * prompt once (as handleTurn does), then times `policy.classify(message, conversation, { vector })` over three
 * rounds and prints p50 / p90 / p99, in a fresh chat and as a follow-up after an answered turn. Decoded readings,
 * clauses and joined follow-ups embed again (one batched call); they are included.
 */
import { newConversation, type Conversation } from '../../../src/core/conversation.js';
import { UseLiteEmbeddings } from '../../../src/embeddings/use-lite.js';
import { loadDevSets } from '../train/dev-sets.js';
import { createSafetyPolicy } from '../../../src/safety/policy.js';

const embeddings = new UseLiteEmbeddings();
const policy = createSafetyPolicy({ embeddings });
const texts = loadDevSets().map((d) => d.text);
const vectors = await embeddings.embedDocuments(texts);
const afterAnswer: Conversation = {
  id: 'speed',
  turns: [
    { message: 'what is ketamine', resolvedQuery: 'what is ketamine', kind: 'answer', topic: [], chunkIds: [], at: 0 },
  ],
};
for (const [name, conversation] of [
  ['fresh chat', newConversation()],
  ['after an answer', afterAnswer],
] as const) {
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const [i, text] of texts.entries()) {
      const t = performance.now();
      await policy.classify(text, conversation, { vector: vectors[i] as number[] });
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.floor(times.length * q)] as number).toFixed(3);
  console.log(
    `safety policy on ${texts.length} dev prompts × 3 (${name}), beyond the shared embedding: p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms`,
  );
}
await embeddings.close();
