import type { Image } from './png.js';

const TEAL = [0x0b, 0x6e, 0x6e] as const;

/**
 * A chat bubble with three dots, drawn with signed distances so edges are anti-aliased. Teams wants a 192×192
 * full-colour icon and a 32×32 white-on-transparent outline icon.
 */
export function colorIcon(size = 192): Image {
  return draw(size, (x, y) => {
    const s = size;
    const bubble = bubbleCoverage(x / s, y / s, 1 / s);
    const dots = dotsCoverage(x / s, y / s, 1 / s);
    // Teal tile, white bubble, teal dots inside the bubble.
    const white = bubble * (1 - dots);
    return [mix(TEAL[0], 255, white), mix(TEAL[1], 255, white), mix(TEAL[2], 255, white), 255];
  });
}

export function outlineIcon(size = 32): Image {
  return draw(size, (x, y) => {
    const px = 1 / size;
    const inside = bubbleCoverage(x / size, y / size, px);
    const inner = bubbleCoverage(x / size, y / size, px, 2.2 * px);
    const ring = Math.max(0, inside - inner);
    const dots = dotsCoverage(x / size, y / size, px);
    return [255, 255, 255, Math.round(255 * Math.min(1, ring + dots))];
  });
}

function draw(size: number, shade: (x: number, y: number) => readonly number[]): Image {
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) pixels.set(shade(x + 0.5, y + 0.5).map((v) => Math.round(v)), (y * size + x) * 4);
  }
  return { width: size, height: size, pixels };
}

/** Coverage (0–1) of a rounded-rectangle bubble with a tail, in unit coordinates; `inset` shrinks it. */
function bubbleCoverage(u: number, v: number, px: number, inset = 0): number {
  const box = roundedBox(u - 0.5, v - 0.45, 0.34 - inset, 0.24 - inset, 0.1);
  const tail = triangle(u, v, [0.3, 0.62], [0.46, 0.62], [0.28, 0.8]) + inset * 1.2;
  return coverage(Math.min(box, tail), px);
}

function dotsCoverage(u: number, v: number, px: number): number {
  const d = Math.min(...[0.36, 0.5, 0.64].map((cx) => Math.hypot(u - cx, v - 0.45) - 0.045));
  return coverage(d, px);
}

function roundedBox(x: number, y: number, halfW: number, halfH: number, r: number): number {
  const qx = Math.abs(x) - halfW + r;
  const qy = Math.abs(y) - halfH + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Signed distance to a triangle (negative inside). */
function triangle(u: number, v: number, a: [number, number], b: [number, number], c: [number, number]): number {
  const edges = [[a, b], [b, c], [c, a]] as const;
  let distance = Infinity;
  let sign = 1;
  const cross: number[] = [];
  for (const [p, q] of edges) {
    const ex = q[0] - p[0], ey = q[1] - p[1];
    const wx = u - p[0], wy = v - p[1];
    const t = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
    distance = Math.min(distance, Math.hypot(wx - ex * t, wy - ey * t));
    cross.push(ex * wy - ey * wx);
  }
  if (cross.every((c) => c >= 0) || cross.every((c) => c <= 0)) sign = -1;
  return sign * distance;
}

function coverage(distance: number, px: number): number {
  return Math.max(0, Math.min(1, 0.5 - distance / px));
}

function mix(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}
