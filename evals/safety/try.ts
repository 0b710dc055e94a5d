/** Dev helper: `npx tsx evals/safety/try.ts "message" ...` prints each decision (not part of the gates). */
import { UseLiteEmbeddings } from '../../src/embeddings/use-lite.js';
import { createSafetyPolicy } from '../../src/safety/policy.js';
import { newConversation } from '../../src/core/conversation.js';

const policy = await createSafetyPolicy({ embeddings: new UseLiteEmbeddings(), cacheDir: '.index' });
for (const message of process.argv.slice(2)) {
  const d = await policy.classify(message, newConversation());
  console.log(d.action === 'pass' ? 'pass' : `${d.kind}${d.category ? `/${d.category}` : ''}`, `[${d.rule}]`, '|', message);
}
