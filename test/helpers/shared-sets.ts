import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listFrozenAnswerFiles, loadFrozenCases } from '../../evals/lib/frozen/load.js';
import { type LoadedCase, loadCases } from '../../evals/lib/load-cases.js';
import { FROZEN_FILE } from '../../evals/safety/frozen-set.js';
import { type LabelledItem, loadLabelledSet } from '../../evals/safety/labelled-set.js';
import { type DevItem, loadDevSets } from '../../evals/safety/train/dev-sets.js';
import { loadSeeds } from '../../src/safety/classifier/training-data.js';

/**
 * The data sets several test files read, parsed and validated once per vitest worker instead of once per file
 * (`isolate: false` shares this module's registry between a worker's files): the six frozen safety sets alone
 * took ~1.2 s of CPU to parse each time. Each loader is the project's own, on the same files, globbed at the first
 * call, so a set added while nobody runs the tests is read by the next run. Callers must not mutate the arrays.
 */
function once<T>(load: () => T): () => T {
  let value: { v: T } | undefined;
  return () => {
    value ??= { v: load() };
    return value.v;
  };
}

/** Every frozen safety set (safety-*.yaml beside FROZEN_FILE), each file's items in file order. */
export const frozenSafetySets = once((): { file: string; items: LabelledItem[] }[] =>
  readdirSync(dirname(FROZEN_FILE))
    .filter((n) => /^safety-.*\.ya?ml$/.test(n))
    .sort()
    .map((n) => join(dirname(FROZEN_FILE), n))
    .map((file) => ({ file, items: loadLabelledSet(file) })),
);

/** The first frozen safety set (FROZEN_FILE), from the same parse as `frozenSafetySets`. */
export function firstFrozenSafetySet(): LabelledItem[] {
  const hit = frozenSafetySets().find((s) => s.file === FROZEN_FILE);
  return hit ? hit.items : loadLabelledSet(FROZEN_FILE);
}

/** The classifier's seed prompts (src/safety/training/). */
export const sharedSeeds = once(() => loadSeeds());

/** The safety dev sets (evals/safety/). */
export const sharedDevSets = once((): DevItem[] => loadDevSets());

/** The eval suite's case files (evals/cases). */
export const sharedEvalCases = once((): Promise<LoadedCase[]> => loadCases('evals/cases'));

/** The frozen answer sets (evals/frozen/answers-*.yaml). */
export const sharedFrozenAnswerCases = once(
  async (): Promise<LoadedCase[]> => loadFrozenCases(await listFrozenAnswerFiles()),
);
