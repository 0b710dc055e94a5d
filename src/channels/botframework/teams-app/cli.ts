/**
 * `npm run teams:package`: builds the Teams app package (manifest + icons) for upload to Teams or the
 * Developer Portal, from `teams/manifest.json` and MICROSOFT_APP_ID (env or .env).
 *   --icons   (re)draw teams/color.png and teams/outline.png first
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getConfig } from '../../../config/env.js';
import { colorIcon, outlineIcon } from './icons.js';
import { fillManifest, readManifestTemplate } from './manifest.js';
import { encodePng } from './png.js';
import { createZip } from './zip.js';

/** Options for {@link buildTeamsPackage}. */
export interface TeamsPackageOptions {
  /** Folder holding manifest.json and the icons. */
  teamsDir: string;
  appId: string;
  /** Where the zip goes (git-ignored). */
  outFile: string;
}

/** Writes the icons if they are missing (or when asked), then the zip. Returns the zip path. */
export async function buildTeamsPackage({ teamsDir, appId, outFile }: TeamsPackageOptions, redrawIcons = false): Promise<string> {
  const manifest = fillManifest(await readManifestTemplate(join(teamsDir, 'manifest.json')), { MICROSOFT_APP_ID: appId });
  const colorPath = join(teamsDir, manifest.icons.color);
  const outlinePath = join(teamsDir, manifest.icons.outline);
  if (redrawIcons || !existsSync(colorPath)) await writeFile(colorPath, encodePng(colorIcon(192)));
  if (redrawIcons || !existsSync(outlinePath)) await writeFile(outlinePath, encodePng(outlineIcon(32)));
  const zip = createZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: manifest.icons.color, data: await readFile(colorPath) },
    { name: manifest.icons.outline, data: await readFile(outlinePath) },
  ]);
  await mkdir(join(outFile, '..'), { recursive: true });
  await writeFile(outFile, zip);
  return outFile;
}

async function main(): Promise<void> {
  const appId = getConfig().MICROSOFT_APP_ID;
  if (!appId) {
    process.stderr.write('Set MICROSOFT_APP_ID (the Azure Bot\'s Microsoft App ID) in the environment or .env, then run again.\n');
    process.exit(1);
  }
  const out = await buildTeamsPackage({ teamsDir: 'teams', appId, outFile: join('teams', 'build', 'ketamine-faq-teams.zip') }, process.argv.includes('--icons'));
  process.stdout.write(`Teams app package written to ${out}\nUpload it in Teams (Apps → Manage your apps → Upload an app) or the Developer Portal.\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
