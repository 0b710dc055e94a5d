import { fileURLToPath } from 'node:url';
import type { SafetyLabel as PolicyLabel } from '../../src/safety/classifier/labels.js';
import type { LabelledItem } from './labelled-set.js';

/** The frozen safety set: written before the classifier redesign, never trained or tuned on. */
export const FROZEN_FILE = fileURLToPath(new URL('../frozen/safety-2026-12-01.yaml', import.meta.url));

/** Tags that mark a disguised request (any of them counts as "obfuscated or other-language"). */
export const DISGUISE_TAGS = ['obfuscated', 'other-language'] as const;

/** Refusal categories of the frozen set, in report order. */
export const FROZEN_REFUSALS = ['dosing', 'medical_advice', 'illegal_use'] as const satisfies readonly PolicyLabel[];

export function hasTag(item: LabelledItem, tag: string): boolean {
  return item.tags?.includes(tag) ?? false;
}

/** The user turns of an item, in order: its history, then its text. */
export function itemTurns(item: LabelledItem): string[] {
  return [...(item.history ?? []).map((h) => (typeof h === 'string' ? h : h.message)), item.text];
}
