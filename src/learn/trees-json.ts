import { z } from 'zod';

/** The JSON form of boosted trees (`boosted-trees.ts`), zod-validated wherever weights are loaded. */

/** One tree as parallel arrays; node 0 is the root; `feature[i] < 0` marks a leaf holding `value[i]`. */
export const TreeJsonSchema = z
  .strictObject({
    feature: z.array(z.number().int()),
    threshold: z.array(z.number()),
    left: z.array(z.number().int()),
    right: z.array(z.number().int()),
    value: z.array(z.number()),
  })
  .refine((t) => t.feature.length > 0, 'a tree has at least one node')
  .refine(
    (t) => [t.threshold, t.left, t.right, t.value].every((a) => a.length === t.feature.length),
    'one entry per node in every array',
  )
  .refine(
    (t) =>
      t.feature.every(
        (f, i) =>
          f < 0 ||
          ((t.left[i] as number) > i && (t.right[i] as number) > i && (t.right[i] as number) < t.feature.length),
      ),
    'children come after their parent and inside the tree',
  );
export type Tree = z.infer<typeof TreeJsonSchema>;

/** A boosted model: margin = Σ trees (the learning rate is already folded into the leaf values). */
export const BoostedTreesJsonSchema = z.strictObject({
  dims: z.number().int().positive(),
  trees: z.array(TreeJsonSchema),
});
export type BoostedTrees = z.infer<typeof BoostedTreesJsonSchema>;
