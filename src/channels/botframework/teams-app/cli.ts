/**
 * `npm run teams:package`: builds the Teams app package (manifest + the committed icons) for upload to Teams or
 * the Developer Portal, from `teams/manifest.json` and MICROSOFT_APP_ID (env or .env).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import { getConfig } from '../../../config/env.js';
import { fillManifest, readManifestTemplate } from './manifest.js';

/** Options for {@link buildTeamsPackage}. */
export interface TeamsPackageOptions {
  /** Folder holding manifest.json and the icons it names (192×192 colour, 32×32 outline). */
  teamsDir: string;
  appId: string;
  /** Where the zip goes (git-ignored). */
  outFile: string;
}

/**
 * A fixed entry time so the same inputs give the same zip bytes (reproducible builds). fflate stores DOS times,
 * which cannot go before 1980.
 */
const ZIP_MTIME = new Date('1980-01-01T00:00:00Z');

/** Zips the filled manifest and the committed icons. Returns the zip path. */
export async function buildTeamsPackage({ teamsDir, appId, outFile }: TeamsPackageOptions): Promise<string> {
  const manifest = fillManifest(await readManifestTemplate(join(teamsDir, 'manifest.json')), {
    MICROSOFT_APP_ID: appId,
  });
  const zip = zipSync(
    {
      'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
      [manifest.icons.color]: await readFile(join(teamsDir, manifest.icons.color)),
      [manifest.icons.outline]: await readFile(join(teamsDir, manifest.icons.outline)),
    },
    { level: 9, mtime: ZIP_MTIME },
  );
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, zip);
  return outFile;
}

async function main(): Promise<void> {
  const appId = getConfig().MICROSOFT_APP_ID;
  if (!appId) {
    process.stderr.write(
      "Set MICROSOFT_APP_ID (the Azure Bot's Microsoft App ID) in the environment or .env, then run again.\n",
    );
    process.exit(1);
  }
  const out = await buildTeamsPackage({
    teamsDir: 'teams',
    appId,
    outFile: join('teams', 'build', 'ketamine-faq-teams.zip'),
  });
  process.stdout.write(
    `Teams app package written to ${out}\nUpload it in Teams (Apps → Manage your apps → Upload an app) or the Developer Portal.\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
