import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { RawRequest } from './http.js';

/** One generated request, labelled so a failure names exactly what was sent. */
export interface FuzzCase extends RawRequest {
  endpoint: string;
  label: string;
}

/** Where the fuzzer may post: each wraps a (possibly hostile) text value into that endpoint's body shape. */
export interface FuzzTarget {
  endpoint: string;
  path: string;
  headers?: Record<string, string>;
  wrap: (value: unknown) => unknown;
}

/** A deterministic PRNG (mulberry32): the same seed gives the same corpus, so a failure can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The unicode edge cases of issue 9: invisible-only, BOM, lone surrogates, bidi marks, NUL, over-long. */
export const UNICODE_EDGES: [string, string][] = [
  ['zwsp', '\u200b'],
  ['zwnj+zwj', '\u200c\u200d'],
  ['bom', '\ufeff'],
  ['zwsp-run', '\u200b\u200b\u200b \ufeff'],
  ['lone-high-surrogate', '\ud800'],
  ['lone-low-surrogate', '\udc00'],
  ['truncated-pair', 'ketamine \ud83d'],
  ['rtl-override', '\u202eWhat are the side effects of ketamine?'],
  ['rtl-marks-only', '\u200f\u200e\u202b'],
  ['hebrew', '\u05de\u05d4 \u05d6\u05d4 \u05e7\u05d8\u05de\u05d9\u05df?'],
  ['nul-inside', 'What is\u0000 ketamine?'],
  ['nul-only', '\u0000'],
  ['2001-chars', 'k'.repeat(2001)],
  ['2001-chars-words', `${'ketamine '.repeat(222)}abc`],
  ['2000-emoji-units', '\u{1F9EA}'.repeat(1000)],
  ['combining-marks', `e${'\u0301'.repeat(1999)}`],
  ['line-separators', '\u2028\u2029ketamine\u2028'],
  ['whitespace-only', ' \t\n\r '],
  ['empty', ''],
  ['zw-wrapped-question', '\u200bIs ketamine addictive?\u200b'],
];

const WRONG_TYPES: [string, unknown][] = [
  ['number', 1],
  ['null', null],
  ['true', true],
  ['array', ['hi']],
  ['object', { text: 'hi' }],
  ['operator-object', { $gt: '' }],
  ['huge-number', 1e308],
];

type Payload = { label: string; headers?: Record<string, string>; body?: Buffer | string };
type Generator = (t: FuzzTarget, r: () => number) => Payload;

const json = (label: string, value: unknown): Payload => ({
  label,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});
const raw = (
  label: string,
  body: Buffer | string,
  contentType = 'application/json',
  extra: Record<string, string> = {},
): Payload => ({
  label,
  headers: { 'content-type': contentType, ...extra },
  body,
});
const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
const randomBytes = (r: () => number, n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));
const depth = (r: () => number) => pick(r, [600, 5_000, 50_000]);

const GENERATORS: Generator[] = [
  ...UNICODE_EDGES.map(
    ([label, text]): Generator =>
      (t) =>
        json(`unicode:${label}`, t.wrap(text)),
  ),
  ...WRONG_TYPES.map(
    ([label, value]): Generator =>
      (t) =>
        json(`wrong-type:${label}`, t.wrap(value)),
  ),
  (t) => json('extra-field', { ...(t.wrap('hi') as object), admin: true }),
  (t) =>
    raw(
      'proto-pollution',
      `{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},${JSON.stringify(t.wrap('hi')).slice(1)}`,
    ),
  (t) =>
    raw(
      'invalid-utf8-bytes',
      Buffer.concat([
        Buffer.from(JSON.stringify(t.wrap('ab')).replace('ab', '\u0001')),
        Buffer.from([0xed, 0xa0, 0x80, 0xff, 0xfe]),
      ]),
    ),
  (_t, r) =>
    raw(
      'invalid-json',
      pick(r, [
        '{',
        '{"message":',
        '{"message":"hi"',
        "{'message':'hi'}",
        '{"message":"hi",}',
        'undefined',
        'NaN',
        '{"message":"\\u12"}',
        '{"a":1}}',
      ]),
    ),
  (_t, r) => raw('random-bytes', randomBytes(r, 1 + Math.floor(r() * 512))),
  (_t, r) => raw('non-object-json', pick(r, ['null', '[]', '"message"', '42', 'true', '[{"message":"hi"}]'])),
  (_t, r) => {
    const d = depth(r);
    return raw(`deep-array:${d}`, `${'['.repeat(d)}${']'.repeat(d)}`);
  },
  (_t, r) => {
    const d = depth(r);
    return raw(`deep-object:${d}`, `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`);
  },
  (t, r) => {
    const d = pick(r, [100, 1_000]);
    return raw(
      `deep-in-field:${d}`,
      JSON.stringify(t.wrap('x')).replace('"x"', `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`),
    );
  },
  (t, r) => json('huge-field', t.wrap('x'.repeat(pick(r, [40_000, 300_000])))),
  (_t, r) => raw('huge-body', Buffer.alloc(pick(r, [1_000_000, 2_000_000]), 0x20)),
  (_t, r) => raw('huge-array', `[${'1,'.repeat(pick(r, [20_000, 200_000]))}1]`),
  (t) => raw('text-plain', JSON.stringify(t.wrap('What is ketamine?')), 'text/plain'),
  (_t) => raw('form-urlencoded', 'message=What%20is%20ketamine%3F', 'application/x-www-form-urlencoded'),
  (_t) =>
    raw(
      'multipart-no-boundary',
      '--x\r\nContent-Disposition: form-data; name="message"\r\n\r\nhi\r\n--x--',
      'multipart/form-data',
    ),
  (t) => ({ label: 'no-content-type', body: JSON.stringify(t.wrap('What is ketamine?')) }),
  (t) => raw('charset-utf16', Buffer.from(JSON.stringify(t.wrap('hi')), 'utf16le'), 'application/json; charset=utf-16'),
  (t) => raw('charset-bogus', JSON.stringify(t.wrap('hi')), 'application/json; charset=klingon'),
  (_t) => raw('xml', '<?xml version="1.0"?><message>hi</message>', 'application/xml'),
  (t) =>
    raw('gzip-not-gzip', JSON.stringify(t.wrap('What is ketamine?')), 'application/json', {
      'content-encoding': 'gzip',
    }),
  (t) =>
    raw('gzip-truncated', gzipSync(JSON.stringify(t.wrap('What is ketamine?'))).subarray(0, 12), 'application/json', {
      'content-encoding': 'gzip',
    }),
  (t) =>
    raw('br-real', brotliCompressSync(JSON.stringify(t.wrap('What is ketamine?'))), 'application/json', {
      'content-encoding': 'br',
    }),
  (t) => raw('br-junk', JSON.stringify(t.wrap('hi')), 'application/json', { 'content-encoding': 'br' }),
  (t) => raw('deflate-junk', JSON.stringify(t.wrap('hi')), 'application/json', { 'content-encoding': 'deflate' }),
  (t) => raw('unknown-encoding', JSON.stringify(t.wrap('hi')), 'application/json', { 'content-encoding': 'x-klingon' }),
  (_t) =>
    raw('gzip-bomb-ish', gzipSync(Buffer.alloc(5_000_000, 0x20)), 'application/json', { 'content-encoding': 'gzip' }),
  (_t) => raw('empty-body', ''),
];

/** The GET routes (and traversal probes) every run covers; `{conv}` is a live Web Chat conversation id. */
const GET_PATHS = [
  '/',
  '/?embed=1',
  '/?embed=%00',
  '/widget.js',
  '/webchat/chat.js',
  '/webchat/chat.css',
  '/favicon.ico',
  '/healthz',
  '/api/ask',
  '/api/messages',
  '/slack/events',
  '/webchat/conversations',
  '/webchat/conversations/{conv}/stream',
  '/webchat/conversations/{conv}/stream?token=wrong',
  '/webchat/conversations/nope/stream?token=x',
  '/nope',
  '/webchat/..%2f..%2fpackage.json',
  '/webchat/..%2F..%2F.env',
  '/webchat/%2e%2e/%2e%2e/package.json',
  '/webchat/....//....//package.json',
  '/webchat/chat.js%00.png',
  '/..%2f..%2fetc%2fpasswd',
  '/webchat/%c0%ae%c0%ae/package.json',
  '/widget.js/../package.json',
  '/webchat/%',
  '/%ff',
  '/webchat/%E0%A4%A',
  `/api/ask?message=${'a'.repeat(4000)}`,
  '/webchat/conversations/..%2f..%2f/stream',
  '/src/server.ts',
  '/.build/server.mjs',
  '/node_modules/express/package.json',
];

const METHOD_PATHS = [
  '/api/ask',
  '/api/messages',
  '/webchat/conversations',
  '/webchat/conversations/{conv}/activities',
  '/slack/events',
  '/',
  '/healthz',
];
const METHODS = ['PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/**
 * `count` requests: every generator against every target, every GET route and every bad method, repeated with
 * fresh random content (seeded) until the count is reached. One round is ~300 requests, so even a short run
 * covers each case once.
 */
export function fuzzCases(targets: FuzzTarget[], conversationId: string, count: number, seed = 9): FuzzCase[] {
  const r = rng(seed);
  const fill = (p: string) => p.replace('{conv}', conversationId);
  const out: FuzzCase[] = [];
  let oneRound = 0;
  for (let round = 0; round === 0 || out.length < count; round++) {
    for (const path of GET_PATHS)
      out.push({ endpoint: 'GET', label: path.slice(0, 60), method: 'GET', path: fill(path) });
    for (const path of METHOD_PATHS)
      for (const method of METHODS)
        out.push({ endpoint: 'method', label: `${method} ${path}`, method, path: fill(path) });
    for (const g of GENERATORS) {
      for (const t of targets) {
        const p = g(t, r);
        out.push({
          endpoint: t.endpoint,
          label: p.label,
          method: 'POST',
          path: t.path,
          headers: { ...t.headers, ...p.headers },
          body: p.body,
        });
      }
    }
    if (round === 0) oneRound = out.length;
  }
  // Never less than one full round: the short CI run still sends every case once.
  return out.slice(0, Math.max(count, oneRound));
}
