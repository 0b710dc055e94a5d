/**
 * Rows of the distance table, three at a time (the transposition looks two rows back), reused across calls: the
 * spelling corrector and the safety policy's phrase matcher call this hundreds of times a turn, and the table of
 * arrays it used to allocate each time was ~4% of a turn's CPU plus its garbage (bench/turn-profile.ts, round 9).
 */
let rowsBuffer = new Int32Array(96);

/** Damerau–Levenshtein (optimal string alignment) distance, giving up early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  if (rowsBuffer.length < 3 * cols) rowsBuffer = new Int32Array(6 * cols);
  const d = rowsBuffer;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    const row = (i % 3) * cols;
    const prev = ((i - 1) % 3) * cols;
    const prev2 = ((i + 1) % 3) * cols; // row i − 2 (only read when i > 1)
    const ai = a.charCodeAt(i - 1);
    d[row] = i;
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min((d[prev + j] as number) + 1, (d[row + j - 1] as number) + 1, (d[prev + j - 1] as number) + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        v = Math.min(v, (d[prev2 + j - 2] as number) + 1);
      d[row + j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return rowMin;
  }
  return d[((rows - 1) % 3) * cols + cols - 1] as number;
}

/** Every way of swapping two adjacent, different letters. */
export function swaps(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length - 1; i++) {
    if (word[i] !== word[i + 1]) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return out;
}

/** Every way of deleting one letter. */
export function deletions(word: string): string[] {
  return Array.from({ length: word.length }, (_, i) => word.slice(0, i) + word.slice(i + 1));
}

/** One insertion, deletion or substitution (swaps are handled separately). */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
