import { z } from 'zod';

/**
 * A regular-expression source that must compile (with the `iu` flags the policy and the eval cases use), so a bad
 * pattern in a YAML file fails when the file is loaded, naming the file and field, not in the middle of a run.
 */
export const RegexSourceSchema = z
  .string()
  .min(1)
  .refine(
    (source) => {
      try {
        new RegExp(source, 'iu');
        return true;
      } catch {
        return false;
      }
    },
    { error: 'is not a valid regular expression' },
  );
