/**
 * Decoded and de-obfuscated readings of a message, so that a request hidden in base64, leetspeak, spaced letters
 * or a JSON wrapper is classified like plain text. The policy classifies every reading and the strongest harmful
 * verdict wins, so a reading that is nonsense costs nothing but one embedding.
 */

/** Bounds the extra embeddings one message can cause. */
const MAX_VARIANTS = 3;
/** Shortest base64 run worth decoding (12 chars = 9 bytes, about two words). */
const MIN_BASE64 = 12;

/** Leetspeak digits and symbols (top) and the letters they stand for (below). */
const LEET = ['013457@$!|', 'oieastasil'] as const;

/**
 * Invisible format characters (Unicode Cf: zero-width space and joiners, BOM, soft hyphen, bidi marks). Inside a
 * word they split it for the classifier and the lexicon ("k\u200bill" folds to "k ill"), so they are removed.
 */
const INVISIBLE = /\p{Cf}/gu;

/**
 * Cyrillic and Greek letters drawn like Latin ones (Unicode confusables, the common lower- and upper-case subset),
 * and the Latin letter each stands for: "k\u0435t\u0430mine" with Cyrillic е and а reads as "ketamine".
 */
const HOMOGLYPHS = [
  'авеёкмнорстухіїјѕԁһԛԝАВЕКМНОРСТХІЈЅαεικνορτυχΑΒΕΗΙΚΜΝΟΡΤΧΥΖ',
  'abeekmhopctyxiijsdhqwABEKMHOPCTXIJSaeikvoptuxABEHIKMNOPTXYZ',
] as const;
const HOMOGLYPH_CHARS = new RegExp(`[${HOMOGLYPHS[0]}]`, 'gu');
/** Styled letters: fullwidth, mathematical bold / italic / script, circled and squared ("𝐤𝐢𝐥𝐥", "ｄｉｅ", "ⓓⓘⓔ"). */
const STYLED = /[\uff01-\uff5e\u2460-\u24ff\u{1d400}-\u{1d7ff}\u{1f130}-\u{1f189}]/gu;
/** Decorative combining marks drawn over letters: underline, strike-through and slash overlays, enclosing marks. */
const DECORATION = /[\u0332\u0334-\u0338\u20d0-\u20ff]/gu;

/**
 * The message as it reads on screen: invisible characters removed, and look-alike Cyrillic / Greek letters read as
 * Latin inside words that also have Latin letters. Words wholly in another script stay as they are, so real Russian
 * or Greek is not turned into nonsense (the crisis lexicon reads those languages).
 */
export function unmask(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(STYLED, (c) => c.normalize('NFKC'))
    .replace(DECORATION, '')
    .replace(/\p{L}+/gu, (word) =>
      /\p{Script=Latin}/u.test(word)
        ? word.replace(HOMOGLYPH_CHARS, (c) => HOMOGLYPHS[1][HOMOGLYPHS[0].indexOf(c)] ?? c)
        : word,
    );
}

/** Digits and symbols inside words read as letters ("k3t@m1ne" → "ketamine"); "50mg" and "2x" stay numbers. */
export function deLeet(text: string): string {
  return text.replace(/[\p{L}\d@$!|]+/gu, (token) =>
    /^\p{L}/u.test(token) && /[\d@$!|]/.test(token) && (token.match(/\p{L}/gu)?.length ?? 0) >= 2
      ? token.replace(/[013457@$!|]/g, (c) => LEET[1][LEET[0].indexOf(c)] ?? c)
      : token,
  );
}

/** Longest word the segmenter tries (covers "antidepressants"). */
const MAX_WORD = 16;

/**
 * Splits a run of letters into known words with the fewest pieces ("howmuchketamine" → "how much ketamine"); a
 * letter no known word covers costs three pieces, so unknown stretches stay as they are rather than being chopped.
 */
export function segment(run: string, vocabulary: ReadonlySet<string>): string {
  const best: { cost: number; from: number }[] = [{ cost: 0, from: 0 }];
  for (let i = 1; i <= run.length; i++) {
    best[i] = { cost: (best[i - 1]?.cost ?? 0) + 3, from: i - 1 };
    for (let j = Math.max(0, i - MAX_WORD); j < i - 1; j++) {
      const cost = (best[j]?.cost ?? 0) + 1;
      if (cost < (best[i]?.cost ?? 0) && vocabulary.has(run.slice(j, i))) best[i] = { cost, from: j };
    }
  }
  const words: string[] = [];
  let single = '';
  for (let i = run.length; i > 0; i = best[i]?.from ?? 0) {
    const from = best[i]?.from ?? 0;
    if (i - from === 1) single = run[from] + single;
    else {
      if (single) words.unshift(single);
      single = '';
      words.unshift(run.slice(from, i));
    }
  }
  if (single) words.unshift(single);
  return words.join(' ');
}

/**
 * Letters typed one at a time ("h o w  m u c h", "k.e.t.a.m.i.n.e") joined back into words. A wider gap (two
 * spaces, " / ", " | ") separates words; without one, the run is split into known words when a vocabulary is given.
 */
export function joinSpacedLetters(text: string, vocabulary?: ReadonlySet<string>): string {
  return (
    text
      // Not \b: "_" is a word character, so "k_i_l_l" has no word boundary inside it. Three letters are a word ("d i e").
      .replace(/(?:(?<![\p{L}\p{N}])\p{L}(?:[ .\-_*]{1,3}|$)){3,}/gu, (run) => {
        const pieces = run
          .trim()
          .split(/\s{2,}|\s*[/|]\s*/)
          .map((w) => w.replace(/[ .\-_*]/g, ''));
        const words =
          pieces.length === 1 && vocabulary ? [segment(pieces[0]?.toLowerCase() ?? '', vocabulary)] : pieces;
        return `${words.join(' ')} `;
      })
      .trim()
  );
}

/** Every base64 run that decodes to readable text, decoded in place. */
export function decodeBase64(text: string): string | undefined {
  let changed = false;
  const out = text.replace(new RegExp(`[A-Za-z0-9+/]{${MIN_BASE64},}={0,2}`, 'g'), (run) => {
    const decoded = Buffer.from(run, 'base64').toString('utf8');
    // Readable: printable text with spaces, mostly letters (random words like "Ketamineeeeeeee" decode to junk).
    const printable =
      /^[\p{L}\p{N}\p{P}\p{Zs}\n]+$/u.test(decoded) && (decoded.match(/\p{L}/gu)?.length ?? 0) >= decoded.length * 0.6;
    if (!printable || !/\s/.test(decoded)) return run;
    changed = true;
    return decoded;
  });
  return changed ? out : undefined;
}

/** Printable text with spaces, mostly letters: what a decoded run must be to count as a reading. */
const readable = (t: string) =>
  /^[\p{L}\p{N}\p{P}\p{S}\p{Zs}\n]+$/u.test(t) && /\s/.test(t) && (t.match(/\p{L}/gu)?.length ?? 0) >= t.length * 0.6;

/**
 * Other encodings decoded in place, when the result reads as text: hex byte runs ("686f77206d756368", 8 bytes or
 * more), URL-encoding (three or more %XX escapes), HTML tags and numeric entities ("<b>how</b> &#109;uch"), and
 * ROT13, word by word, where an unknown word turns into a known one (three such words at least, so a typo that
 * happens to rotate into a word does not make a reading).
 */
export function decodeOther(text: string, vocabulary?: ReadonlySet<string>): string | undefined {
  let out = text.replace(/\b(?:[0-9a-f]{2}[ :]?){8,}\b/gi, (run) => {
    const decoded = Buffer.from(run.replace(/[ :]/g, ''), 'hex').toString('utf8');
    return readable(decoded) ? decoded : run;
  });
  if ((out.match(/%[0-9a-f]{2}/gi)?.length ?? 0) >= 3) {
    try {
      out = decodeURIComponent(out.replace(/\+/g, ' '));
    } catch {} // a lone "%" that is no escape: keep the text as it is
  }
  out = out
    .replace(/&#(x[0-9a-f]+|\d+);/gi, (entity, n: string) => {
      const code = Number(n[0] === 'x' || n[0] === 'X' ? `0${n.toLowerCase()}` : n);
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    })
    .replace(/<\/?[a-z][^<>]*>/gi, ' ');
  // ROT13, decided on words of three letters or more ("ur" would rotate to "he"): most unknown ones become known.
  // Then every unknown word that rotates into a known one is read rotated ("V" → "I").
  const rot = (w: string) =>
    w.replace(/[a-z]/gi, (c) => String.fromCharCode((c.charCodeAt(0) & 96) + (((c.charCodeAt(0) & 31) + 12) % 26) + 1));
  const rotatable = (w: string) => !vocabulary?.has(w.toLowerCase()) && vocabulary?.has(rot(w).toLowerCase());
  const unknown = (out.match(/[a-z]{3,}/gi) ?? []).filter((w) => !vocabulary?.has(w.toLowerCase()));
  const rotated = unknown.filter(rotatable).length;
  if (rotated >= 3 && rotated * 2 >= unknown.length) out = out.replace(/[a-z]+/gi, (w) => (rotatable(w) ? rot(w) : w));
  return out !== text ? out : undefined;
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

/** Words this long that are not known are tried as words typed without spaces ("iwanttodie", "killmyself"). */
const MIN_RUN_ON = 8;

/**
 * Letters held down ("sooo done", "i wanttt to dieee") back to the known spelling: a run of three or more becomes
 * two when that makes a known word ("sooo" → "soo" is unknown, → "so"), else one.
 */
export function squeezeRepeats(text: string, vocabulary?: ReadonlySet<string>): string {
  return text.replace(/\p{L}+/gu, (word) => {
    if (!/(\p{L})\1\1/u.test(word)) return word;
    const two = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
    return vocabulary?.has(two.toLowerCase()) ? two : word.replace(/(\p{L})\1{2,}/gu, '$1');
  });
}

/** Unknown long words split into known words when every piece is one ("iwanttodie" → "i want to die"). */
export function splitRunOns(text: string, vocabulary: ReadonlySet<string>): string {
  return text.replace(/\p{L}+/gu, (word) => {
    const lower = word.toLowerCase();
    if (lower.length < MIN_RUN_ON || vocabulary.has(lower)) return word;
    const words = segment(lower, vocabulary).split(' ');
    // Every piece a known word ("i" and "a" are): otherwise it was a real word the vocabulary lacks.
    return words.length > 1 && words.every((w) => vocabulary.has(w)) ? words.join(' ') : word;
  });
}

/** Leet digits and symbols anywhere in a token as letters ("$u1c1d3" → "suicide"; deLeet needs a leading letter). */
const leetLetters = (w: string) => w.replace(/[013457@$!|]/g, (c) => LEET[1][LEET[0].indexOf(c)] ?? c);

/**
 * Unknown words made the one known word they stand for, only when it is known (so "50mg" or a name stays): leet
 * anywhere ("d13", "m3", "$u1c1d3"), capital I typed for l beside lower-case letters ("kiII"), a masked letter
 * ("k*ll", "su#cide") when exactly one known word fits, and a word split in two ("sui cide", "su.ic.ide").
 */
export function repairWords(text: string, vocabulary: ReadonlySet<string>): string {
  const known = (w: string) => vocabulary.has(w.toLowerCase());
  const fixed = text.split(' ').map((token) => {
    if (known(token) || !/\p{L}/u.test(token)) return token;
    const candidates = [leetLetters(token.toLowerCase()), /\p{Ll}/u.test(token) ? token.replace(/I/g, 'l') : token];
    const found = candidates.find((c) => c !== token.toLowerCase() && known(c));
    if (found) return found.toLowerCase();
    const pieces = token.split(/[.\-]/);
    if (pieces.length > 1 && !pieces.every(known) && known(pieces.join(''))) return pieces.join('').toLowerCase();
    if (!/^[\p{L}\d@$!|]*[*#][\p{L}\d@$!|*#]*$/u.test(token) || (token.match(/\p{L}/gu)?.length ?? 0) < 2) return token;
    const mask = new RegExp(`^${leetLetters(token.toLowerCase()).replace(/[*#]/g, '\\p{L}')}$`, 'u');
    const fits = [...vocabulary].filter((w) => mask.test(w));
    return fits.length === 1 ? (fits[0] as string) : token;
  });
  for (let i = 0; i + 1 < fixed.length; i++) {
    const [a, b] = [fixed[i] as string, fixed[i + 1] as string];
    if (/^\p{L}+$/u.test(a + b) && !known(a) && !known(b) && known(a + b)) fixed.splice(i, 2, (a + b).toLowerCase());
  }
  return fixed.join(' ');
}

/**
 * The message's other readings (not including itself), de-duplicated, at most {@link MAX_VARIANTS}. `vocabulary`
 * (lowercase words) lets letters typed one at a time with single spaces be split back into words.
 */
export function readingsOf(message: string, vocabulary?: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  // A reading that differs only in punctuation, spacing or case decodes nothing (it cost 1 in 7 ordinary questions
  // an embedding); a full-width or accented reading is a real one. (Padded: a final "?" and none compare equal.)
  const wording = (t: string) => ` ${t} `.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ');
  const asTyped = wording(message);
  const add = (t: string | undefined) => {
    const v = t?.replace(/\s+/g, ' ').trim();
    if (v && v.length >= 3 && wording(v) !== asTyped) out.add(v);
  };
  // Everything below reads the unmasked text (zero-width characters and homoglyphs undone first).
  const visible = unmask(message);
  // Only when unmasking changed something: add() collapses white space, and a spaced-letter message read with its
  // word gaps collapsed took a reading slot and looked like despair to the detector (policy test).
  if (visible !== message) add(visible);
  const json = unwrapJson(visible);
  const base = decodeBase64(json ?? visible) ?? decodeOther(json ?? visible, vocabulary);
  add(json);
  add(base);
  const t = base ?? json ?? visible;
  add(joinSpacedLetters(t, vocabulary));
  const plain = squeezeRepeats(deLeet(joinSpacedLetters(deLeet(t), vocabulary)), vocabulary);
  add(vocabulary ? repairWords(splitRunOns(plain, vocabulary), vocabulary) : plain);
  return [...out].slice(0, MAX_VARIANTS);
}
