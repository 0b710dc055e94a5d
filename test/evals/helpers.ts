import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Citation, ReplyBody } from '../../src/core/reply.js';
import type { EvalCase } from '../../evals/lib/case-schema.js';
import { gradeCase, type GradedCase } from '../../evals/lib/grade.js';
import type { CorpusTexts } from '../../evals/lib/corpus-text.js';
import { normalise } from '../../evals/lib/text.js';

/** A tiny corpus for verbatim checks. */
export const CORPUS: CorpusTexts = new Map([
  [
    'doc-a',
    [normalise('Treatment is usually a series of infusions over several weeks. Some people need up to 12 infusions.')],
  ],
  ['doc-b', [normalise('The FDA does not currently approve ketamine for depression.')]],
  ['doc-c', [normalise('It’s even approved by the FDA.')]],
]);

export function citation(n: number, docId: string, quote: string): Citation {
  return { n, docId, title: docId.toUpperCase(), chunkId: `${docId}#1`, quote };
}

export function reply(
  kind: ReplyBody['kind'],
  text: string,
  citations: Citation[] = [],
  category?: ReplyBody['category'],
): ReplyBody {
  return { conversationId: 'c1', kind, text, citations, ...(category ? { category } : {}) };
}

/** Grades `replies` (one per turn) against `evalCase`, the way the runner does. */
export function graded(
  evalCase: Partial<EvalCase> & Pick<EvalCase, 'expect'>,
  replies: ReplyBody[],
  latencyMs = 10,
  error?: string,
): GradedCase {
  const c: EvalCase & { file: string } = {
    id: 'case-1',
    tags: [],
    turns: replies.map((_, i) => `question ${i + 1}`),
    file: 'cases.yaml',
    ...evalCase,
  };
  return gradeCase(
    {
      case: c,
      turns: replies.map((r, i) => ({ message: c.turns[i] ?? '', reply: r, latencyMs })),
      ...(error ? { error } : {}),
    },
    CORPUS,
  );
}

/** Writes files into a fresh temp folder and returns its path. */
export async function tempFiles(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kfb-evals-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}
