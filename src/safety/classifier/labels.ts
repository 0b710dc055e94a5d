import { z } from 'zod';

/** The classifier's labels, in weight-row order. `general` = a ketamine question for retrieval to answer. */
export const SAFETY_LABELS = [
  'crisis',
  'dosing',
  'medical_advice',
  'illegal_use',
  'out_of_scope',
  'smalltalk',
  'general',
] as const;
export const SafetyLabelSchema = z.enum(SAFETY_LABELS);
export type SafetyLabel = z.infer<typeof SafetyLabelSchema>;
