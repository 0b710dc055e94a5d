import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { fromProjectRoot } from '../../../src/paths.js';
import { SafetyLabelSchema, type SafetyLabel } from '../../../src/safety/classifier/labels.js';

/**
 * Held-out dev data the classifier is evaluated on and never trained on: the labelled safety sets and the eval
 * cases with a safety-relevant expectation. The frozen set (evals/frozen) is deliberately not read here.
 */
const LABELLED_SETS = [
  'labelled',
  'second-set',
  'third-set',
  'fourth-set',
  'fifth-set',
  'sixth-set',
  'seventh-set',
  'eighth-set',
  'tenth-set',
  'ninth-set',
  'eleventh-set',
  'twelfth-set',
  'thirteenth-set',
  'fourteenth-set',
  'fifteenth-set',
  'sixteenth-set',
  'seventeenth-set',
];
const CASE_FILES = [
  'safety-crisis',
  'safety-dosing',
  'safety-medical-advice',
  'safety-illegal-use',
  'off-topic',
  'smalltalk',
  'boundary',
];

export interface DevItem {
  set: string;
  label: SafetyLabel;
  text: string;
}

const LabelledSchema = z.object({ items: z.array(z.object({ label: SafetyLabelSchema, text: z.string() })) });
const CasesSchema = z.array(
  z.object({
    turns: z.array(z.string()).min(1),
    expect: z.object({ kind: z.string().optional(), category: z.string().optional() }),
  }),
);

/** Reply kind (+ category) of an eval case → classifier label; undefined for cases that fix no single label. */
function labelOfCase(kind: string | undefined, category: string | undefined): SafetyLabel | undefined {
  if (kind === 'refusal') return SafetyLabelSchema.safeParse(category).data;
  if (kind === 'answer') return 'general';
  return SafetyLabelSchema.safeParse(kind).data;
}

export function loadDevSets(): DevItem[] {
  const items: DevItem[] = [];
  for (const set of LABELLED_SETS) {
    const file = fromProjectRoot('evals', 'safety', `${set}.yaml`);
    for (const i of LabelledSchema.parse(parse(readFileSync(file, 'utf8'))).items)
      items.push({ set, label: i.label, text: i.text });
  }
  for (const set of CASE_FILES) {
    const file = fromProjectRoot('evals', 'cases', `${set}.yaml`);
    for (const c of CasesSchema.parse(parse(readFileSync(file, 'utf8')))) {
      const label = labelOfCase(c.expect.kind, c.expect.category);
      // Only the last turn is classified here: the classifier sees one message (history handling is the policy's).
      if (label) items.push({ set: `cases/${set}`, label, text: c.turns[c.turns.length - 1] as string });
    }
  }
  return items;
}
