/** The slice of hnswlib-node's index that {@link createIpScan} reads (cosine space). */
interface CosineIndex {
  getCurrentCount(): number;
  getNumDimensions(): number;
  getPoint(label: number): number[];
  searchKnn(vector: number[], k: number): { neighbors: number[]; distances: number[] };
}

/** Cosine-space distances (1 − cosine) of a query to every stored vector, indexed by HNSW label. */
export type DistanceScan = (queryVector: readonly number[]) => Float32Array;

/**
 * A tiny WebAssembly SIMD kernel (hand-assembled, 200 bytes): for each of `n` rows, `1 − Σ q·row` accumulated in
 * four f32 lanes, four floats at a time, lanes summed left to right. That is exactly hnswlib's SSE inner product
 * (`InnerProductSIMD16ExtSSE`: one `_mm_add_ps(sum, _mm_mul_ps(a, b))` per 4 floats, then
 * `t[0] + t[1] + t[2] + t[3]`), and wasm f32x4 mul/add round as SSE does, so the distances are bit for bit the
 * index's own. dists(q, rows, n, rowBytes, out): void.
 */
function kernelBytes(): Uint8Array<ArrayBuffer> {
  const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
  const name = (s: string) => [s.length, ...Buffer.from(s, 'latin1')];
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const lane = (i: number) => [...get(6), 0xfd, 0x1f, i];
  const load = [0xfd, 0x00, 0x00, 0x00]; // v128.load, align 1, offset 0
  // params: 0 q, 1 rows, 2 n, 3 rowBytes, 4 out; locals: 5 i (i32), 6 acc (v128). One instruction group a line.
  const code = [
    [0x02, 0x01, 0x7f, 0x01, 0x7b], // locals: 1 × i32, 1 × v128
    [0x02, 0x40, 0x03, 0x40], // block; loop over rows
    [...get(2), 0x45, 0x0d, 0x01], // n == 0 → leave the block
    [0xfd, 0x0c, ...new Array<number>(16).fill(0), ...set(6)], // acc = 0
    [0x41, 0x00, ...set(5)], // i = 0
    [0x03, 0x40], // loop over 4-float blocks
    [...get(6), ...get(0), ...get(5), 0x6a, ...load], // acc, v128.load(q + i)
    [...get(1), ...get(5), 0x6a, ...load], // v128.load(rows + i)
    [0xfd, 0xe6, 0x01, 0xfd, 0xe4, 0x01, ...set(6)], // acc = acc + a * b (f32x4.mul, f32x4.add)
    [...get(5), 0x41, 0x10, 0x6a, 0x22, 0x05], // i += 16 (local.tee)
    [...get(3), 0x49, 0x0d, 0x00, 0x0b], // i < rowBytes → again; end
    [...get(4), 0x43, 0x00, 0x00, 0x80, 0x3f], // address out, f32 1.0
    [...lane(0), ...lane(1), 0x92, ...lane(2), 0x92, ...lane(3), 0x92, 0x93], // 1 − (((l0 + l1) + l2) + l3)
    [0x38, 0x02, 0x00], // f32.store
    [...get(4), 0x41, 0x04, 0x6a, ...set(4)], // out += 4
    [...get(1), ...get(3), 0x6a, ...set(1)], // rows += rowBytes
    [...get(2), 0x41, 0x01, 0x6b, ...set(2)], // n −= 1
    [0x0c, 0x00, 0x0b, 0x0b, 0x0b], // br to the row loop; end loop, block, function
  ].flat();
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [0x01, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]),
    ...section(3, [0x01, 0x00]),
    ...section(5, [0x01, 0x00, 0x01]),
    ...section(7, [0x02, ...name('memory'), 0x02, 0x00, ...name('dists'), 0x00, 0x00]),
    ...section(10, [0x01, ...leb(code.length), ...code]),
  ]);
}

function leb(value: number): number[] {
  const out: number[] = [];
  let v = value;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

/**
 * What hnswlib-node does to a query in cosine space before searching (`normalizePoint`): to float32, then divided
 * by the float32 norm, accumulated in order (`std::inner_product` from 0.0f). `Math.fround` after every operation
 * is exact emulation of float arithmetic for a single add, multiply, divide or square root.
 */
function normalizeLikeHnswlib(query: readonly number[], into: Float32Array): void {
  into.set(query);
  let sum = 0;
  for (let i = 0; i < into.length; i++) sum = Math.fround(sum + Math.fround((into[i] as number) * (into[i] as number)));
  const norm = Math.fround(Math.sqrt(Math.abs(sum)));
  if (norm > 0) for (let i = 0; i < into.length; i++) into[i] = Math.fround((into[i] as number) / norm);
}

/** Bytes of wasm memory per page. */
const PAGE = 65_536;

/**
 * One pass over every stored vector (a copy in wasm memory, read once at load), giving the very distances an exact
 * HNSW search with k = all gives, at a fraction of its cost: HNSW with ef = k = 2,110 walks the whole graph through
 * priority queues and returns two JS arrays of 2,110 numbers (CPU profile, 2026-12-01: most of a turn beyond the
 * embedding). Returns undefined, so the caller keeps the HNSW search, when wasm SIMD is missing, the dimension is not
 * a multiple of 16 (hnswlib then uses another kernel), or a self-check against the index differs by one bit
 * (an hnswlib built with AVX sums in another order).
 */
export function createIpScan(
  index: CosineIndex,
  /** The stored vector of a label when the caller already holds it (each `getPoint` copies 512 numbers out). */
  known: (label: number) => readonly number[] | undefined = () => undefined,
): DistanceScan | undefined {
  const n = index.getCurrentCount();
  const dim = index.getNumDimensions();
  if (n === 0 || dim % 16 !== 0) return undefined;
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(kernelBytes()));
  } catch {
    return undefined;
  }
  const memory = instance.exports.memory as WebAssembly.Memory;
  const dists = instance.exports.dists as (q: number, rows: number, n: number, rowBytes: number, out: number) => void;
  const rowBytes = dim * 4;
  const queryAt = 0;
  const rowsAt = rowBytes;
  const outAt = rowsAt + n * rowBytes;
  memory.grow(Math.ceil((outAt + n * 4) / PAGE));
  const rows = new Float32Array(memory.buffer, rowsAt, n * dim);
  for (let label = 0; label < n; label++) rows.set(known(label) ?? index.getPoint(label), label * dim);
  const query = new Float32Array(memory.buffer, queryAt, dim);
  const out = new Float32Array(memory.buffer, outAt, n);
  const scan: DistanceScan = (vector) => {
    normalizeLikeHnswlib(vector, query);
    dists(queryAt, rowsAt, n, rowBytes, outAt);
    return out;
  };
  return agrees(index, scan, n) ? scan : undefined;
}

/** Whether the scan gives the index's own distances for a few stored vectors used as queries. */
function agrees(index: CosineIndex, scan: DistanceScan, n: number): boolean {
  for (const label of [0, Math.floor(n / 2), n - 1]) {
    const query = index.getPoint(label).map((x, i) => x + ((i % 7) - 3) * 1e-3);
    const { neighbors, distances } = index.searchKnn(query, n);
    const mine = scan(query);
    if (neighbors.length !== n) return false;
    for (let i = 0; i < n; i++) if (mine[neighbors[i] as number] !== distances[i]) return false;
  }
  return true;
}
