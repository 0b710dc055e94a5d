import { execFileSync } from 'node:child_process';

/** Builds the server bundle once per run, exactly as `npm start` does, so every test file starts the same binary. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
