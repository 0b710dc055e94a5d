import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchQuestions } from '../../bench/questions.js';
import { ask, type AnswerFingerprint } from './helpers/http.js';
import { BUILT_INDEX, healthStatus, startServer, stopAll, waitFor } from './helpers/server.js';

const PROBES = benchQuestions().slice(100, 110);

async function answers(url: string): Promise<(AnswerFingerprint | string)[]> {
  const out: (AnswerFingerprint | string)[] = [];
  for (const q of PROBES) {
    const res = await ask(url, q).catch((error: Error) => error.message.slice(0, 120));
    out.push(typeof res === 'string' ? res : { kind: res.kind, text: res.text, citations: res.citations });
  }
  return out;
}

/** Tamperings of a copy of a built index (issue 9, defect 7). */
const TAMPERINGS: [string, (dir: string) => Promise<void>][] = [
  [
    'args.json with the wrong space',
    (dir) => writeFile(join(dir, 'args.json'), JSON.stringify({ space: 'ip', numDimensions: 512 })),
  ],
  [
    'args.json with the wrong dimensions',
    (dir) => writeFile(join(dir, 'args.json'), JSON.stringify({ space: 'cosine', numDimensions: 256 })),
  ],
  [
    // The vectors live once, inside hnswlib.index: overwrite a quarter of the file (vector data) with NaN floats.
    'hnswlib.index with its vector data overwritten by NaN',
    async (dir) => {
      const file = join(dir, 'hnswlib.index');
      const bytes = await readFile(file);
      const nan = Buffer.from(new Float32Array(Math.floor(bytes.length / 16)).fill(Number.NaN).buffer);
      nan.copy(bytes, Math.floor(bytes.length / 2 / 4) * 4);
      await writeFile(file, bytes);
    },
  ],
  [
    'hnswlib.index with a flipped byte in the middle',
    async (dir) => {
      const file = join(dir, 'hnswlib.index');
      const bytes = await readFile(file);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = (bytes[at] as number) ^ 0xff;
      await writeFile(file, bytes);
    },
  ],
];

describe('index corruption is detected: rebuild (or refuse to be ready), never green while answers are wrong', () => {
  let baseline: (AnswerFingerprint | string)[];
  const dirs: string[] = [];

  beforeAll(async () => {
    const reference = await startServer();
    baseline = await answers(reference.url);
    await reference.stop();
  });
  afterAll(async () => {
    await stopAll();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it.each(TAMPERINGS)('%s', async (_name, tamper) => {
    expect(baseline.filter((a) => typeof a === 'string')).toEqual([]);
    const dir = await mkdtemp(join(tmpdir(), 'kfb-rel-corrupt-'));
    dirs.push(dir);
    await cp(BUILT_INDEX, join(dir, 'index'), { recursive: true });
    await tamper(join(dir, 'index'));
    const server = await startServer({ indexDir: join(dir, 'index'), noWait: true });
    // Either it becomes ready, or it refuses to (exits non-zero): both are honest. Green means it must answer right.
    await waitFor(async () => (await healthStatus(server.url)) === 200 || server.child.exitCode !== null, {
      timeoutMs: 90_000,
      what: 'ready or refused',
    });
    if (server.child.exitCode !== null) {
      expect(server.child.exitCode).not.toBe(0);
      return;
    }
    expect(await answers(server.url)).toEqual(baseline);
    await server.stop();
  });
});
