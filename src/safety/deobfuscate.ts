/**
 * Decoded and de-obfuscated readings of a message, so that a request hidden in base64, leetspeak, spaced letters
 * or a JSON wrapper is classified like plain text. The policy classifies every reading and the strongest harmful
 * verdict wins, so a reading that is nonsense costs nothing but one embedding.
 */

/** Bounds the extra embeddings one message can cause. */
const MAX_VARIANTS = 3;
/** Shortest base64 run worth decoding (12 chars = 9 bytes, about two words). */
const MIN_BASE64 = 12;

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'l' };

/** Digits and symbols inside words read as letters ("k3t@m1ne" → "ketamine"); "50mg" and "2x" stay numbers. */
export function deLeet(text: string): string {
  return text.replace(/[\p{L}\d@$!|]+/gu, (token) =>
    /^\p{L}/u.test(token) && /[\d@$!|]/.test(token) && (token.match(/\p{L}/gu)?.length ?? 0) >= 2
      ? token.replace(/[0134579@$!|]/g, (c) => LEET[c] ?? c)
      : token,
  );
}

/**
 * Letters typed one at a time ("h o w  m u c h", "k.e.t.a.m.i.n.e") joined back into words. A wider gap (two
 * spaces, " / ", " | ") separates words; without one, the run becomes a single word, which the character n-grams
 * still read.
 */
export function joinSpacedLetters(text: string): string {
  return text.replace(/(?:\b\p{L}(?:[ .\-_*]{1,3}|$)){4,}/gu, (run) =>
    run
      .trim()
      .split(/\s{2,}|\s*[/|]\s*/)
      .map((w) => w.replace(/[ .\-_*]/g, ''))
      .join(' ')
      .concat(' '),
  ).trim();
}

/** Every base64 run that decodes to readable text, decoded in place. */
export function decodeBase64(text: string): string | undefined {
  let changed = false;
  const out = text.replace(new RegExp(`[A-Za-z0-9+/]{${MIN_BASE64},}={0,2}`, 'g'), (run) => {
    const decoded = Buffer.from(run, 'base64').toString('utf8');
    // Readable: printable text with spaces, mostly letters (random words like "Ketamineeeeeeee" decode to junk).
    const printable = /^[\p{L}\p{N}\p{P}\p{Zs}\n]+$/u.test(decoded) && (decoded.match(/\p{L}/gu)?.length ?? 0) >= decoded.length * 0.6;
    if (!printable || !/\s/.test(decoded)) return run;
    changed = true;
    return decoded;
  });
  return changed ? out : undefined;
}

/** The string values of a JSON object or array in the message ({"q": "how much…"}), joined. */
export function unwrapJson(text: string): string | undefined {
  const start = text.search(/[{[]/);
  if (start < 0) return undefined;
  try {
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    };
    walk(JSON.parse(text.slice(start, text.lastIndexOf(text[start] === '{' ? '}' : ']') + 1)));
    return strings.length ? [text.slice(0, start).trim(), ...strings].filter(Boolean).join(' ') : undefined;
  } catch {
    return undefined;
  }
}

/** The message's other readings (not including itself), de-duplicated, at most {@link MAX_VARIANTS}. */
export function readingsOf(message: string): string[] {
  const out = new Set<string>();
  const add = (t: string | undefined) => {
    const v = t?.replace(/\s+/g, ' ').trim();
    if (v && v !== message && v.length >= 3) out.add(v);
  };
  const json = unwrapJson(message);
  const base = decodeBase64(json ?? message);
  add(json);
  add(base);
  for (const t of [base ?? json ?? message]) {
    add(joinSpacedLetters(t));
    add(deLeet(joinSpacedLetters(t)));
  }
  return [...out].slice(0, MAX_VARIANTS);
}
