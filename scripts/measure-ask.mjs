/**
 * Measures `npm run ask` to the first answer (wall clock, whole process), as a user runs it, against the former
 * tsx-transpiled entry. `node scripts/measure-ask.mjs [runs]` (default 5); needs a built index (`npm run index`).
 * Prints the median and the range of each, and the load average (the box is shared: compare within one run).
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';

const runs = Number(process.argv[2] ?? 5);
const question = 'Is ketamine safe?';
const variants = {
  'npm run ask (esbuild bundle)': ['npm', ['run', '-s', 'ask', '--', question]],
  'tsx src/channels/cli/ask.ts (before)': ['node_modules/.bin/tsx', ['src/channels/cli/ask.ts', question]],
};
execFileSync('node', ['scripts/build.mjs', '--if-stale', 'ask']);
for (const [name, [cmd, args]] of Object.entries(variants)) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    times.push((performance.now() - started) / 1000);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `${name}: median ${median.toFixed(2)} s (${times[0].toFixed(2)}–${times.at(-1).toFixed(2)} s, ${runs} runs)`,
  );
}
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
