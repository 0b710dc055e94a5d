import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every module `file` loads at start: itself and, transitively, the bundle chunks it imports statically. */
function staticallyLoaded(file: string, seen = new Set<string>()): Map<string, string> {
  const out = new Map<string, string>();
  if (seen.has(file)) return out;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  out.set(file, code);
  // Static imports only: `import … from "./chunk-X.mjs"` / `import "./chunk-X.mjs"` at a line start (dynamic
  // `import("…")` calls are what stays lazy).
  for (const m of code.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["'](\.\/[^"']+)["'];?$/gm)) {
    for (const [f, c] of staticallyLoaded(resolve(file, '..', m[1] as string), seen)) out.set(f, c);
  }
  return out;
}

// test/global-setup.ts builds .build/ once per run.
const loaded = staticallyLoaded(resolve('.build/server.mjs'));

describe('server bundle start-up', () => {
  it('follows the chunks the server imports', () => {
    expect(loaded.size).toBeGreaterThan(1);
  });

  // Cold start: @slack/bolt (0.6–1 s to load) only when Slack is configured, pg only for PostgreSQL, the Microsoft 365
  // Agents SDK (~1.1 s, and its activity schemas ~0.15 s) only on the first Bot Framework or Web Chat turn. A static
  // import anywhere on the start path would load them in every process.
  for (const pkg of ['@slack/bolt', 'pg', '@microsoft/agents-hosting', '@microsoft/agents-activity']) {
    it(`does not load ${pkg} at start`, () => {
      const importers = [...loaded].filter(([, code]) => code.includes(`from "${pkg}"`)).map(([f]) => f);
      expect(importers).toEqual([]);
    });
  }
});
