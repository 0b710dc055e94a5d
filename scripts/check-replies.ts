/**
 * Behaviour check for speed work: runs every dev conversation (evals/dev/answers-2026-12-01.yaml, all turns, in
 * fresh conversations) through the real bot's handleTurn and writes the replies (kind, text, citations,
 * suggestions, rule) as JSON. Compare two runs with `diff`: a speed change must leave it identical.
 *   tsx scripts/check-replies.ts out.json
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { createBot } from '../src/chat/create-bot.js';
import { newConversation } from '../src/core/conversation.js';

const out = process.argv[2] ?? 'replies.json';
const files = ['evals/dev/answers-2026-12-01.yaml', 'evals/dev/answers-2026-12-01-broad.yaml'];
const cases: { id: string; turns: string[] }[] = [];
for (const f of files) cases.push(...(parse(await readFile(f, 'utf8')) as { id: string; turns: string[] }[]));
const bot = await createBot();
const replies: unknown[] = [];
for (const c of cases) {
  const conversation = newConversation();
  for (const message of c.turns) {
    const r = await bot.handleTurn({ message, channel: 'eval' }, conversation);
    replies.push({
      id: c.id,
      message,
      kind: r.kind,
      rule: r.meta.policyRule,
      text: r.text,
      citations: r.citations,
      suggestions: r.suggestions,
    });
  }
}
await writeFile(out, `${JSON.stringify(replies, null, 1)}\n`);
console.log(`${replies.length} replies from ${cases.length} conversations -> ${out}`);
process.exit(0);
