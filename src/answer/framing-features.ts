import type { Chunk, ChunkSentence } from '../corpus/chunk.js';
import type { TermStats } from '../retrieval/term-stats.js';
import { contentTerms } from '../text/stopwords.js';
import { memoByText } from './memo.js';
import type { QueryTerms } from './query-terms.js';

/**
 * Features that tell a unit which ANSWERS a question from one that only FRAMES it: an article's intro or
 * conclusion ("Understanding ketamine side effects is crucial…") echoes the question's words and carries little
 * else. No word list decides it: the ranker learns a weight for where the section sits in its article, for how much
 * of the unit is content beyond the question, and for what the trimmer would actually show.
 */

/** Where a unit's section sits in its article. */
export interface SectionPlace {
  /** Section index / (sections − 1): 0 for the first section, 1 for the last (0 for a one-section article). */
  position: number;
  /** 1 when the section is the article's last (a conclusion, "The Bottom Line"), else 0. */
  last: number;
}

/** Keyed by the list's first unit: callers pass a fresh array of the same units on every turn. */
const layouts = new WeakMap<Chunk, Map<string, SectionPlace>>();

/** Section places of every unit (units in article order, as unit search lists them; computed once per corpus). */
export function sectionPlaces(units: readonly Chunk[]): Map<string, SectionPlace> {
  const first = units[0];
  const cached = first ? layouts.get(first) : undefined;
  if (cached && cached.size === units.length) return cached;
  const sectionsOf = new Map<string, string[]>();
  for (const u of units) {
    const list = sectionsOf.get(u.docId) ?? [];
    const key = u.section ?? '';
    if (list.at(-1) !== key) list.push(key);
    sectionsOf.set(u.docId, list);
  }
  const out = new Map<string, SectionPlace>();
  for (const u of units) {
    const list = sectionsOf.get(u.docId) as string[];
    const at = list.lastIndexOf(u.section ?? '');
    const position = list.length > 1 ? at / (list.length - 1) : 0;
    out.set(u.id, { position, last: list.length > 1 && at === list.length - 1 ? 1 : 0 });
  }
  if (first) layouts.set(first, out);
  return out;
}

/** A text's distinct content terms, in first-use order (what iterating `new Set(contentTerms(text))` visits). */
const distinctTermsOf = memoByText((text) => [...new Set(contentTerms(text))]);

/**
 * The question's own and expanded terms as a set, built once per question: every candidate unit and its sentences
 * ask (hundreds of calls a turn, each of which built the same set; bench/turn-profile.ts, round 9).
 */
const askedSets = new WeakMap<QueryTerms, ReadonlySet<string>>();
function askedOf(terms: QueryTerms): ReadonlySet<string> {
  let asked = askedSets.get(terms);
  if (!asked) {
    asked = new Set([...terms.own, ...terms.expanded]);
    askedSets.set(terms, asked);
  }
  return asked;
}

/** IDF mass of a text's content terms that the question did not use (each distinct term once). */
export function newTermMass(terms: QueryTerms, text: string, stats: TermStats): number {
  const asked = askedOf(terms);
  let mass = 0;
  for (const t of distinctTermsOf(text)) if (!asked.has(t)) mass += stats.idf(t);
  return mass;
}

/**
 * Share of a text's content (IDF mass of its distinct content terms) that is NOT the question's words: near 0 for
 * a sentence that restates the question, near 1 for one that says something new.
 */
export function contentShare(terms: QueryTerms, text: string, stats: TermStats): number {
  let total = 0;
  for (const t of distinctTermsOf(text)) total += stats.idf(t);
  return total === 0 ? 0 : newTermMass(terms, text, stats) / total;
}

/** Share of a unit's sentences that the trimmer keeps (1: the unit is shown whole). */
export function keptShare(unit: Chunk, kept: readonly ChunkSentence[]): number {
  return unit.sentences.length === 0 ? 0 : kept.length / unit.sentences.length;
}
