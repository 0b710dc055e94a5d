/** Per-label precision / recall and the confusion matrix of gold vs predicted labels. */
export interface LabelMetrics {
  precision: number;
  recall: number;
  support: number;
}

export interface Evaluation<L extends string> {
  /** matrix[gold][predicted] = count */
  matrix: Record<L, Record<L, number>>;
  perLabel: Record<L, LabelMetrics>;
  accuracy: number;
  /** Mean recall over labels that occur (balanced accuracy). */
  macroRecall: number;
}

export function evaluate<L extends string>(labels: readonly L[], gold: readonly L[], predicted: readonly L[]): Evaluation<L> {
  const zero = () => Object.fromEntries(labels.map((l) => [l, 0])) as Record<L, number>;
  const matrix = Object.fromEntries(labels.map((l) => [l, zero()])) as Record<L, Record<L, number>>;
  gold.forEach((g, i) => {
    matrix[g][predicted[i] as L] += 1;
  });
  const perLabel = {} as Record<L, LabelMetrics>;
  for (const l of labels) {
    const tp = matrix[l][l];
    const predictedAs = labels.reduce((s, g) => s + matrix[g][l], 0);
    const support = labels.reduce((s, p) => s + matrix[l][p], 0);
    perLabel[l] = { precision: predictedAs ? tp / predictedAs : 1, recall: support ? tp / support : 1, support };
  }
  const present = labels.filter((l) => perLabel[l].support > 0);
  return {
    matrix,
    perLabel,
    accuracy: gold.length ? gold.filter((g, i) => g === predicted[i]).length / gold.length : 0,
    macroRecall: present.length ? present.reduce((s, l) => s + perLabel[l].recall, 0) / present.length : 0,
  };
}
