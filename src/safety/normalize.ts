import type { PolicyFile } from './policy-file.js';
import { expandContractions } from '../text/contractions.js';
import { foldQuotes } from '../text/tokenize.js';
import { TypoFixer, type Vocabulary } from '../text/typos.js';

/** Bump when normalisation changes: cached exemplar vectors were embedded from normalised text. */
export const NORMALIZER_VERSION = 3;

/** Leetspeak digits inside words ("k3tamine", "su1cide"); units like "50mg" are left alone. */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/**
 * Turns a raw message into the canonical form rules and exemplars are written against: lowercase, plain
 * quotes, slang and contractions rewritten ("ket" → "ketamine", "i'm" → "i am"), and one- or two-letter
 * typos of important words corrected ("ketamin", "suicde"), and single slips of any word the policy is written in
 * ("wtih", "thruogh", "seling") when a vocabulary is given. Same function for exemplars and user turns, so both
 * sides of the nearest-neighbour comparison look alike.
 */
export class Normalizer {
  private readonly rewrites: { pattern: RegExp; replace: string }[];
  private readonly typos: TypoFixer;

  /** @param vocabulary words typing slips are corrected towards (see `policyVocabulary`); none when omitted. */
  constructor(config: PolicyFile['normalize'], vocabulary?: Vocabulary) {
    this.rewrites = config.rewrites.map((r) => ({ pattern: new RegExp(r.pattern, 'giu'), replace: r.replace }));
    this.typos = new TypoFixer({ important: config.spelling, ...(vocabulary ? { vocabulary } : {}) });
  }

  normalize(message: string): string {
    let text = foldQuotes(message.normalize('NFKC').toLowerCase().replace(/[\u200b-\u200d\ufeff]/g, ''))
      .replace(/[\u2013\u2014]/g, ' - ')
      .replace(/\s+/g, ' ')
      .trim();
    // Leet-aware tokens: "@" and "$" may stand for letters ("k3t@mine"), so they are part of a word here.
    const tokens = text.match(LEET_TOKEN) ?? [];
    let at = 0;
    text = text.replace(LEET_TOKEN, (token) => {
      const i = at++;
      return this.typos.fix(deLeet(token), tokens[i - 1], tokens[i + 1]);
    });
    // Contractions first, with the map retrieval uses; then the policy's own slang, spelling and unit rewrites.
    text = expandContractions(text, { withApostrophe: true });
    for (const { pattern, replace } of this.rewrites) text = text.replace(pattern, replace);
    return text.replace(/\s+/g, ' ').trim();
  }
}

const LEET_TOKEN = /[a-z0-9@$]+/g;

/** Only de-leets tokens that start with a letter and have 3+ letters: "50mg" and "2x" stay numbers. */
function deLeet(token: string): string {
  if (/^[a-z]/.test(token) && /[0-9@$]/.test(token) && (token.match(/[a-z]/g)?.length ?? 0) >= 3) {
    return token.replace(/[0134579@$]/g, (c) => LEET[c] ?? c);
  }
  return token;
}

