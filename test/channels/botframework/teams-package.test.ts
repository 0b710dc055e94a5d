import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../../../src/channels/botframework/teams-app/cli.js';
import { fillManifest } from '../../../src/channels/botframework/teams-app/manifest.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';

/** Reads a ZIP through its central directory (as Teams does) and inflates every entry, checking CRCs. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString();
    const dataStart = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const data = inflateRawSync(zip.subarray(dataStart, dataStart + size));
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength;
  }
  return files;
}

/** Decodes the committed (unfiltered RGBA) PNG icons: checks signature and chunk CRCs, returns size and pixels. */
function decodePng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let width = 0,
    height = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('ascii');
    const data = png.subarray(at + 8, at + 8 + length);
    expect(crc32(png.subarray(at + 4, at + 8 + length))).toBe(png.readUInt32BE(at + 8 + length));
    if (type === 'IHDR') [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((width * 4 + 1) * height);
  return { width, height, alphaAt: (x: number, y: number) => raw[y * (width * 4 + 1) + 1 + x * 4 + 3]! };
}

describe('Teams app package', () => {
  it('zips the filled manifest and the committed 192×192 colour and 32×32 transparent outline icons', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kfb-teams-'));
    await mkdir(join(dir, 'teams'));
    for (const file of ['manifest.json', 'color.png', 'outline.png'])
      await writeFile(join(dir, 'teams', file), await readFile(join('teams', file)));
    const out = await buildTeamsPackage({
      teamsDir: join(dir, 'teams'),
      appId: APP_ID,
      outFile: join(dir, 'build', 'app.zip'),
    });
    const files = unzip(await readFile(out));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString());
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(files.get('color.png')).toEqual(await readFile('teams/color.png'));
    expect(files.get('outline.png')).toEqual(await readFile('teams/outline.png'));
    const color = decodePng(files.get('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.alphaAt(0, 0)).toBe(255);
    const outline = decodePng(files.get('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.alphaAt(0, 0)).toBe(0); // transparent background, as Teams requires
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => fillManifest('{}', { MICROSOFT_APP_ID: 'my-bot' })).toThrow(/GUID/);
  });
});
