import type { GradientFn } from './boosted-trees.js';

/** The losses `fitBoostedTrees` is used with: their gradients and hessians at the current margins. */

/** Gradients of the weighted logistic loss for labels y ∈ {0, 1}. */
export function logisticGradients(ys: readonly number[], weights?: readonly number[]): GradientFn {
  return (m) => {
    const g = new Float64Array(m.length);
    const h = new Float64Array(m.length);
    for (let i = 0; i < m.length; i++) {
      const p = 1 / (1 + Math.exp(-(m[i] as number)));
      const w = weights?.[i] ?? 1;
      g[i] = w * (p - (ys[i] as number));
      h[i] = w * Math.max(p * (1 - p), 1e-6);
    }
    return { g, h };
  };
}

/**
 * Gradients of the listwise loss −log Σ_{right} softmax(margins of the group): `groups` lists each query's row
 * indices and which are right; a group without a right row contributes nothing. `weights`: one per group.
 */
export function listwiseGradients(
  groups: readonly { rows: number[]; right: boolean[] }[],
  weights?: readonly number[],
): GradientFn {
  return (m) => {
    const g = new Float64Array(m.length);
    const h = new Float64Array(m.length);
    groups.forEach((grp, k) => {
      if (!grp.right.some(Boolean)) return;
      const w = weights?.[k] ?? 1;
      const max = Math.max(...grp.rows.map((i) => m[i] as number));
      const e = grp.rows.map((i) => Math.exp((m[i] as number) - max));
      const z = e.reduce((a, b) => a + b, 0);
      const zr = e.reduce((a, b, r) => a + (grp.right[r] ? b : 0), 0);
      grp.rows.forEach((i, r) => {
        const p = (e[r] as number) / z;
        const q = grp.right[r] ? (e[r] as number) / zr : 0;
        g[i] = w * (p - q);
        h[i] = w * Math.max(p * (1 - p), 1e-6);
      });
    });
    return { g, h };
  };
}
