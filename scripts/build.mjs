/**
 * Bundles the entry points into ES modules under .build/ with esbuild, dependencies left external: the server (plus
 * its embedding worker) for `npm start`, and the CLI (`ask`, `chat`). Loading one pre-transpiled file instead of ~100
 * TypeScript files through tsx saves ~0.7 s of server cold start (measured by `npm run bench`) and ~1.5 s of
 * `npm run ask` (2.5–3.1 s → ~1.1 s on the shared box). Takes ~0.2 s. `node scripts/build.mjs ask` builds only the
 * named entries, so a CLI run does not rebuild the server; with `--if-stale` it builds only when a file under src/
 * (or package.json) is newer than the bundle, and skips loading esbuild otherwise (~0.05 s instead of ~0.2 s).
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ENTRIES = {
  server: 'src/server.ts',
  // The embedding worker is its own entry: src/embeddings/worker-embedder.ts starts `embed-worker.mjs` beside server.mjs.
  'embed-worker': 'src/embeddings/embed-worker.ts',
  ask: 'src/channels/cli/ask.ts',
  chat: 'src/channels/cli/chat.ts',
};
const ifStale = process.argv.includes('--if-stale');
const wanted = process.argv.slice(2).filter((a) => a !== '--if-stale');
for (const name of wanted)
  if (!(name in ENTRIES)) throw new Error(`unknown entry ${name}: one of ${Object.keys(ENTRIES)}`);

/** Newest modification time (ms) of the bundle's inputs: every file under src/, and package.json. */
function newestInput() {
  let newest = statSync('package.json').mtimeMs;
  for (const entry of readdirSync('src', { recursive: true, withFileTypes: true }))
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/** Oldest bundle among the wanted entries; 0 when one is missing. */
function oldestOutput(names) {
  try {
    return Math.min(...names.map((n) => statSync(`.build/${n}.mjs`).mtimeMs));
  } catch {
    return 0;
  }
}

const names = wanted.length ? wanted : Object.keys(ENTRIES);
if (ifStale && oldestOutput(names) > newestInput()) process.exit(0);

// A full build replaces every chunk: drop the old hashed ones (a partial build keeps them, the other entries use them).
if (names.length === Object.keys(ENTRIES).length && existsSync('.build'))
  for (const name of readdirSync('.build', { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name))
    if (/-[A-Z0-9]{8}\.mjs(\.map)?$/.test(name)) rmSync(join('.build', name));

const { build } = await import('esbuild');
await build({
  entryPoints: Object.fromEntries(names.map((n) => [n, ENTRIES[n]])),
  outdir: '.build',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // Code splitting keeps a dynamic import() lazy: without it esbuild hoists the imported module's external packages
  // (@slack/bolt: 0.6–1 s to load) to the bundle's top, loading them at every start.
  splitting: true,
  // Chunks sit beside server.mjs: the embedding client finds embed-worker.mjs next to its own module.
  chunkNames: '[name]-[hash]',
  sourcemap: true,
  logLevel: 'warning',
});
