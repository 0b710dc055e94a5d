import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** Bot (and Teams app) ids are Entra application ids: GUIDs. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The parts of the manifest we rely on; the rest passes through untouched. */
const ManifestSchema = z.looseObject({
  manifestVersion: z.string(),
  id: z.string().regex(GUID, { error: 'id must be a GUID' }),
  icons: z.object({ color: z.string(), outline: z.string() }),
  bots: z.array(z.looseObject({ botId: z.string().regex(GUID, { error: 'botId must be a GUID' }) })).min(1),
});
export type TeamsManifest = z.infer<typeof ManifestSchema>;

/** Fills `${{NAME}}` placeholders in the template and checks the result. */
export function fillManifest(template: string, values: { MICROSOFT_APP_ID: string }): TeamsManifest {
  if (!GUID.test(values.MICROSOFT_APP_ID)) {
    throw new Error(
      `MICROSOFT_APP_ID must be the bot's Entra application (client) id, a GUID; got "${values.MICROSOFT_APP_ID}".`,
    );
  }
  const filled = template.replace(/\$\{\{([A-Z_]+)\}\}/g, (match, name: string) => {
    const value = (values as Record<string, string>)[name];
    if (value === undefined) throw new Error(`The manifest template uses ${match}, which has no value.`);
    return value;
  });
  return ManifestSchema.parse(JSON.parse(filled));
}

export async function readManifestTemplate(path: string): Promise<string> {
  return readFile(path, 'utf8');
}
