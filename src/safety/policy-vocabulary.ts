import { CONTRACTION_SPELLINGS, CONTRACTIONS } from '../text/contractions.js';
import { words } from '../text/tokenize.js';
import type { Vocabulary } from '../text/typos.js';
import type { PolicyFile } from './policy-file.js';


/**
 * The policy's typo vocabulary. Primary: the literal words of the rules, scope and general-query patterns, rewrites,
 * spelling list, exemplars and the contractions the normaliser spells out. Secondary: the file's extra
 * `normalize.vocabulary` (common words a user may mistype). Pairs: adjacent words of exemplars and patterns.
 *
 * The words the policy is written in, plus simple inflections ("wake" → "waking", "matter" → "matters") so a
 * slip in an inflected word is still recognised. A typo only matters when it hides one of these words; QA
 * extending the policy file extends the vocabulary too.
 */
export function policyVocabulary(policy: PolicyFile): Vocabulary {
  const patterns = [
    ...policy.rules.flatMap((r) => [r.pattern, r.after_message ?? '']),
    ...policy.scope.domain,
    ...policy.scope.topical,
    policy.scope.followup,
    policy.scope.pushback,
    ...policy.general_queries.map((g) => g.pattern),
    ...policy.normalize.rewrites.flatMap((r) => [r.pattern, r.replace]),
  ];
  const primary = new Set<string>(policy.normalize.spelling);
  const pairs = new Set<string>();
  // Escapes (\b, \w, \s) and character classes ([ae]) are regex syntax, not words; a stem with a group of
  // endings ("unaliv(e|ed|ing)") stands for each whole word.
  const texts = [
    ...patterns.map((p) => expandEndings(p.replace(/\\[a-zA-Z]/g, ' ').replace(/\[[^\]]*\]/g, ' '))),
    ...policy.exemplars.map((e) => e.text),
    ...CONTRACTION_SPELLINGS,
    ...Object.values(CONTRACTIONS),
  ];
  for (const text of texts) {
    addWords(primary, text);
    // Only words separated by a plain space are a real pair ("wake up"), not alternatives ("wake|up").
    for (const [, a, b] of text.toLowerCase().matchAll(/(?=\b([a-z]+) ([a-z]+)\b)/g)) pairs.add(`${a} ${b}`);
  }
  const secondary = new Set<string>();
  addWords(secondary, policy.normalize.vocabulary);
  return { primary: withInflections(primary), secondary: withInflections(secondary), pairs };
}

function expandEndings(pattern: string): string {
  return pattern.replace(/([a-z]+)\(((?:[a-z]*\|)+[a-z]*)\)/g, (all, stem: string, endings: string) =>
    `${all} ${endings.split('|').map((e) => stem + e).join(' ')}`,
  );
}

/** Words of 3+ letters; the parts of "k-hole" and "i'm" count on their own (typos are fixed in letter-only words). */
function addWords(into: Set<string>, text: string): void {
  for (const w of words(text).flatMap((t) => t.split(/['-]/))) if (/^[a-z]{3,}$/.test(w)) into.add(w);
}

function withInflections(words: Set<string>): Set<string> {
  const out = new Set(words);
  for (const w of words) {
    if (w.length < 3) continue;
    for (const ending of ['s', 'ed', 'ing']) out.add(w + ending);
    if (w.endsWith('e')) {
      out.add(`${w.slice(0, -1)}ing`);
      out.add(`${w}d`);
    }
  }
  return out;
}
