/**
 * What holds the server's memory, by phase (issue 11: peak RSS ≤ 300 MB): the bot as `src/server.ts` builds it
 * (USE-lite in a worker thread), then 100 turns at concurrency 1 and 100 at concurrency 8, like the bench's HTTP
 * phases. Per phase: the process RSS and its peak (main thread and worker together), the main thread's V8 heap and
 * buffers, and the worker's own. Run with the server's flags:
 *   node --max-old-space-size=256 --max-semi-space-size=2 --expose-gc --import tsx scripts/measure-memory-phases.ts
 */
import { readFileSync } from 'node:fs';
import { createBot } from '../src/chat/create-bot.js';
import { newConversation } from '../src/core/conversation.js';
import { UseLiteEmbeddings } from '../src/embeddings/use-lite.js';
import { benchQuestions, disjointSets } from '../bench/questions.js';

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const proc = (field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
const embeddings = new UseLiteEmbeddings({ worker: true });
const rows: Record<string, string | number>[] = [];
async function phase(name: string): Promise<void> {
  const m = process.memoryUsage();
  const w = await embeddings.workerMemory();
  rows.push({
    phase: name,
    rss: Math.round(proc('VmRSS')),
    peak: Math.round(proc('VmHWM')),
    'main heap': mb(m.heapUsed),
    'main heapTotal': mb(m.heapTotal),
    'main external': mb(m.external),
    'main arrayBuffers': mb(m.arrayBuffers),
    'worker heap': w ? mb(w.heapUsed) : '-',
    'worker heapTotal': w ? mb(w.heapTotal) : '-',
    'worker external': w ? mb(w.external) : '-',
  });
}

await phase('start (modules)');
await embeddings.embedQuery('warm-up');
await phase('worker model loaded');
const bot = await createBot({ embeddings });
await phase('bot ready');
const [c1, c8] = disjointSets(benchQuestions(), 2, 100) as [string[], string[]];
let t = performance.now();
for (const q of c1) await bot.handleTurn({ message: q, channel: 'bench' }, newConversation());
await phase(`100 turns, c1 (${Math.round(performance.now() - t)} ms)`);
const queue = [...c8];
t = performance.now();
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (let q = queue.shift(); q !== undefined; q = queue.shift())
      await bot.handleTurn({ message: q, channel: 'bench' }, newConversation());
  }),
);
await phase(`100 turns, c8 (${Math.round(performance.now() - t)} ms)`);
(globalThis as { gc?: () => void }).gc?.();
await phase('after a main-thread gc');
console.table(rows);
process.exit(0);
