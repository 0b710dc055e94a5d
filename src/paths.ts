import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The project's root folder (where its package.json is), found from this module's own location. Files that ship
 * with the bot are resolved from here rather than from `import.meta.url` of each module, so the same code works
 * from `src/` (tsx, tests) and from the single-file bundle `npm start` runs (`.build/server.mjs`).
 */
export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ketamine-faq-bot') {
      root = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('ketamine-faq-bot: cannot find the project root (package.json)');
    dir = parent;
  }
}

/** A path inside the project, e.g. `fromProjectRoot('src', 'safety', 'policy.yaml')`. */
export function fromProjectRoot(...parts: string[]): string {
  return join(projectRoot(), ...parts);
}
