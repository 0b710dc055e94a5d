/**
 * Paired A/B of the server's node flags: two servers (the bundle, built index), one with `npm start`'s flags and
 * one without the young-generation cap, asked the same questions alternately at concurrency 1, then 8 at a time
 * each; p50/p95 per server and each server's peak RSS. Interleaving makes both share the machine's load.
 *   npm run build && npx tsx scripts/measure-node-flags-ab.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchQuestions, disjointSets } from '../bench/questions.js';
import { askOverHttp, SERVER_NODE_FLAGS, startServer } from '../bench/server-process.js';

const work = await mkdtemp(join(tmpdir(), 'kfb-flags-'));
const env = (name: string) => ({
  CORPUS_DIR: resolve('corpus'),
  INDEX_DIR: resolve(process.env.INDEX_DIR ?? '.index'),
  DATABASE_URL: `sqlite:${join(work, `${name}.db`)}`,
  RATE_LIMIT_TURNS_PER_MINUTE: '1000000',
  TURN_QUEUE_MAX_WAIT_MS: '10000',
});
const variants = [
  { name: 'npm start flags', flags: SERVER_NODE_FLAGS },
  { name: 'without --max-semi-space-size', flags: SERVER_NODE_FLAGS.filter((f) => !f.startsWith('--max-semi')) },
];
const servers = await Promise.all(variants.map((v) => startServer(env(v.name), 120_000, v.flags)));
const [c1, c8] = disjointSets(benchQuestions(), 2, 100) as [string[], string[]];
const ms: number[][] = variants.map(() => []);
const ms8: number[][] = variants.map(() => []);
const timed = async (i: number, q: string, into: number[][]) => {
  const t = performance.now();
  await askOverHttp(servers[i]?.url as string, q);
  into[i]?.push(performance.now() - t);
};
for (const q of c1) for (let i = 0; i < servers.length; i++) await timed(i, q, ms);
for (let start = 0; start < c8.length; start += 8) {
  const batch = c8.slice(start, start + 8);
  for (let i = 0; i < servers.length; i++) await Promise.all(batch.map((q) => timed(i, q, ms8)));
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)] as number;
for (let i = 0; i < servers.length; i++) {
  const a = ms[i] as number[];
  const b = ms8[i] as number[];
  console.log(
    `${variants[i]?.name}: c1 p50 ${pct(a, 0.5).toFixed(1)} / p95 ${pct(a, 0.95).toFixed(1)} ms; ` +
      `c8 p50 ${pct(b, 0.5).toFixed(1)} / p95 ${pct(b, 0.95).toFixed(1)} ms; peak RSS ${await servers[i]?.peakRssMb()} MB`,
  );
}
await Promise.all(servers.map((s) => s.stop()));
await rm(work, { recursive: true, force: true });
process.exit(0);
