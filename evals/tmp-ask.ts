import { createBot } from '../src/chat/create-bot.js';
import { newConversation } from '../src/core/conversation.js';
const bot = await createBot();
for (const q of process.argv.slice(2)) {
  const r = await bot.handleTurn({ message: q, channel: 'eval' }, newConversation());
  const ranked = await bot.answerer.rank(q);
  console.log(`\n## ${q}\n${r.kind} conf=${r.meta.confidence?.toFixed(3)}\n${r.text.slice(0, 400)}`);
  console.log(ranked.candidates.slice(0, 4).map((c) => `  ${c.unit.id} p=${c.probability.toFixed(3)} s=${c.score.toFixed(2)} | ${c.unit.text.slice(0, 90)}`).join('\n'));
}
process.exit(0);
