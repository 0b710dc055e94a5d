/**
 * Model calls per turn (issue 11 known cut: "one embedding call per turn"): every dev conversation
 * (evals/dev/answers-2026-12-01*.yaml, all turns, in fresh conversations, like scripts/check-replies.ts) through the
 * real bot, with USE-lite wrapped in a counter, so each turn's model calls and texts are counted. Also checks that a
 * message's vector does not depend on the batch it is embedded in (alone vs with other texts). A measurement.
 *   npx tsx scripts/measure-model-calls.ts [turns-with-more-calls.json]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { createBot } from '../src/chat/create-bot.js';
import { newConversation } from '../src/core/conversation.js';
import { loadUseLiteModel, UseLiteEmbeddings } from '../src/embeddings/use-lite.js';

const files = ['evals/dev/answers-2026-12-01.yaml', 'evals/dev/answers-2026-12-01-broad.yaml'];
const cases: { id: string; turns: string[] }[] = [];
for (const f of files) cases.push(...(parse(await readFile(f, 'utf8')) as { id: string; turns: string[] }[]));
const model = await loadUseLiteModel();
const batches: string[][] = [];
const counting = {
  embed(texts: string[]) {
    batches.push(texts);
    return model.embed(texts);
  },
};
const bot = await createBot({ embeddings: new UseLiteEmbeddings({ model: counting, queryCacheSize: 5000 }) });
const perTurn = new Map<number, number>();
let turns = 0;
let texts = 0;
let maxDiff = 0;
let multi = 0;
const extraCalls: unknown[] = [];
for (const c of cases) {
  const conversation = newConversation();
  for (const message of c.turns) {
    batches.length = 0;
    const reply = await bot.handleTurn({ message, channel: 'eval' }, conversation);
    turns++;
    if (batches.length > 1)
      extraCalls.push({ message, resolved: reply.meta.resolvedQuery, kind: reply.kind, calls: [...batches] });
    perTurn.set(batches.length, (perTurn.get(batches.length) ?? 0) + 1);
    texts += batches.reduce((n, b) => n + b.length, 0);
    // Batch invariance: each text of a multi-text call against the same text embedded alone.
    for (const b of batches.filter((x) => x.length > 1)) {
      multi++;
      const together = await model.embed(b);
      for (let i = 0; i < b.length; i++) {
        const alone = ((await model.embed([b[i] as string])) as number[][])[0] as number[];
        const row = together[i] as number[];
        for (let d = 0; d < alone.length; d++)
          maxDiff = Math.max(maxDiff, Math.abs((alone[d] as number) - (row[d] as number)));
      }
    }
  }
}
const dist = [...perTurn].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k} call(s): ${v}`);
console.log(`${turns} turns: ${dist.join(', ')}; ${texts} texts embedded`);
console.log(`${multi} multi-text calls; max |alone − batched| over their vectors: ${maxDiff}`);
// Which turns still make more than one call, and with what (the second call's texts tell whose it is).
if (process.argv[2]) await writeFile(process.argv[2], `${JSON.stringify(extraCalls, null, 1)}\n`);
process.exit(0);
