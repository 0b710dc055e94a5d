import { concat, fromDense, type SparseVector } from '../../learn/sparse.js';

/** Bump when feature extraction changes: it is part of the training-data hash, so old weights become stale. */
export const FEATURE_VERSION = 1;
/** USE-lite vector width (src/embeddings/use-lite-model.ts). */
export const USE_DIMS = 512;
/** Hash buckets for word and character n-grams: 4,096 keeps collisions rare for a few thousand prompts' vocabulary. */
export const NGRAM_BUCKETS = 4096;

/** Options for {@link featurize}. */
export interface FeatureOptions {
  /** Add hashed word 1–2-grams and character 3–4-grams after the USE vector. */
  ngrams: boolean;
  /** Hash buckets (default {@link NGRAM_BUCKETS}). */
  buckets?: number;
  /** Which n-grams (default both): word 1–2-grams, character 3–4-grams. */
  grams?: 'word' | 'char' | 'both';
  /** Leave the USE vector out (ablation only: its 512 slots stay, empty, so indices do not move). */
  noDense?: boolean;
}

const bucketsOf = (o: FeatureOptions) => o.buckets ?? NGRAM_BUCKETS;
export const featureDims = (options: FeatureOptions): number => USE_DIMS + (options.ngrams ? bucketsOf(options) : 0);

/** Lowercase, accents folded, everything but letters and digits turned into single spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** FNV-1a, 32-bit: cheap and stable across runs and platforms, which hashed features need. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The n-grams of a text: words, word pairs, and character 3- and 4-grams of each space-padded word. */
export function ngramsOf(text: string, kinds: FeatureOptions['grams'] = 'both'): string[] {
  const words = foldText(text).split(' ').filter(Boolean);
  const out: string[] = [];
  words.forEach((w, i) => {
    if (kinds !== 'char') out.push(`w:${w}`);
    if (kinds !== 'char' && i > 0) out.push(`b:${words[i - 1]} ${w}`);
    const padded = ` ${w} `;
    if (kinds !== 'word')
      for (const n of [3, 4]) for (let j = 0; j + n <= padded.length; j++) out.push(`c:${padded.slice(j, j + n)}`);
  });
  return out;
}

/** Binary hashed n-gram block, L2-normalised so it weighs like the unit-length USE vector whatever the length. */
function ngramBlock(text: string, o: FeatureOptions): SparseVector {
  const buckets = new Set(ngramsOf(text, o.grams).map((g) => fnv1a(g) % bucketsOf(o)));
  const indices = Uint32Array.from(
    [...buckets].sort((a, b) => a - b),
    (b) => USE_DIMS + b,
  );
  const values = new Float32Array(indices.length).fill(indices.length ? 1 / Math.sqrt(indices.length) : 0);
  return { indices, values };
}

/** The classifier's input: the turn's USE-lite vector, plus the n-gram block when enabled. */
export function featurize(vector: ArrayLike<number>, text: string, options: FeatureOptions): SparseVector {
  if (vector.length !== USE_DIMS)
    throw new Error(`featurize: expected a ${USE_DIMS}-d USE-lite vector, got ${vector.length}`);
  const dense = options.noDense ? fromDense([]) : fromDense(vector);
  return options.ngrams ? concat(dense, ngramBlock(text, options)) : dense;
}
