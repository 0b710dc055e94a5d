import type { Chunk, ChunkSentence } from '../corpus/chunk.js';
import { dot } from '../embeddings/use-lite.js';
import type { RetrievedChunk } from '../retrieval/hybrid.js';
import type { TermStats } from '../retrieval/term-stats.js';
import { contentTerms, stem, words } from '../retrieval/text.js';

/** A sentence that could go into the answer, with the evidence for it. */
export interface Candidate {
  text: string;
  chunk: Chunk;
  sentence: ChunkSentence;
  /** Rank of its chunk in fused retrieval (0 = best). */
  chunkRank: number;
  /** Cosine similarity of the sentence to the question. */
  dense: number;
  /** IDF-weighted share of the question's terms found in the sentence or (at half credit) its heading. */
  coverage: number;
  /** Cosine similarity of the sentence's section heading to the question (0 without a heading). */
  headingSim: number;
  /** How much specific information the sentence adds beyond the question's own words (0–1). */
  specificity: number;
  /** Combined score used for selection. */
  score: number;
}

/** How the combined score weighs the evidence; tuned on the retrieval set (evals/retrieval). */
export const SCORE_WEIGHTS = { dense: 0.45, coverage: 0.35, heading: 0.1, rank: 0.05, specificity: 0.12, polarity: 0.1, phrase: 0.05, definition: 0.08, answerType: 0.08 } as const;

/** Negation: stopwords to BM25, but "who should NOT take it?" is answered by a sentence that says "not". */
const NEGATION = /\b(not|no|never|avoid|without|cannot)\b|n['’]t\b/i;

/** IDF mass of new terms at which a sentence counts as fully specific ("dizziness, nausea, and vomiting"). */
const SPECIFICITY_SATURATION = 25;

/**
 * How much a sentence says beyond restating the question: the IDF mass of its terms the question did not use.
 * "Like most treatments, ketamine comes with side effects" restates; "the most common side effects are
 * dizziness, nausea, and vomiting" answers.
 */
export function specificity(terms: QueryTerms, sentence: string, stats: TermStats): number {
  const asked = new Set([...terms.own, ...terms.expanded]);
  let mass = 0;
  for (const t of termSet(sentence)) if (!asked.has(t)) mass += stats.idf(t);
  return Math.min(1, mass / SPECIFICITY_SATURATION);
}

/** Terms of a question: the user's own and the synonym expansions (counted at half weight). */
export interface QueryTerms {
  /** The question as asked. */
  question: string;
  own: string[];
  expanded: string[];
}

export function queryTerms(query: string, expansions: string[]): QueryTerms {
  const own = [...new Set(contentTerms(query))];
  const expanded = [...new Set(contentTerms(expansions.join(' ')))].filter((t) => !own.includes(t));
  return { question: query, own, expanded };
}

/** "What is X?" / "What are the X?" / "Which X …?": asks for a definition or a list. */
const ASKS_WHAT = /\b(what|which)\b|\bwhat's\b/i;
const DEFINING = new Set(['is', 'are', 'was', 'were', 'include', 'includes', 'including', 'such', 'like', 'mean', 'means']);

/**
 * Whether the sentence defines or lists one of the question's terms: the term followed within four words by
 * "is / are / include / such as". "The most common side effects … are dizziness, nausea, and vomiting" answers
 * "what are the side effects?"; "it's important to be aware of possible side effects" only mentions them.
 */
export function defines(terms: QueryTerms, sentence: string): boolean {
  if (!ASKS_WHAT.test(terms.question)) return false;
  const own = new Set(terms.own);
  const tokens = words(sentence);
  for (let i = 0; i < tokens.length; i++) {
    if (!own.has(stem(tokens[i] as string))) continue;
    for (let j = i + 1; j <= i + 4 && j < tokens.length; j++) if (DEFINING.has(tokens[j] as string)) return true;
  }
  return false;
}

/**
 * Questions that ask for a kind of fact, and what a sentence holding that kind of fact looks like. A bonus, not a
 * filter (the hard filters for facts the articles never give live in answerability.ts).
 */
const TYPED_QUESTIONS: { question: RegExp; sentence: RegExp }[] = [
  {
    // how long / how soon / how quickly → a time span
    question: /\bhow (long|soon|quickly|fast)\b|\bduration\b|\bwhen (will|does|do|can)\b/i,
    sentence: /\b(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b|\bquickly\b|\brapid(ly)?\b|\bshort-lived\b/i,
  },
  {
    // how long does ONE session / infusion / appointment take → minutes or hours (not the weeks of a whole course)
    question: /\bhow long\b.{0,40}\b(session|infusion|appointment|visit|sitting|drip)\b(?!s)|\bhow long\b.{0,40}\b(each|one|single|an?) (session|infusion|appointment|visit)\b/i,
    sentence: /\b(minutes?|hours?)\b/i,
  },
  {
    // how many sessions / infusions / treatments → a count
    question: /\bhow many (sessions?|infusions?|treatments?|visits?|appointments?|times|rounds?)\b|\bhow often\b/i,
    sentence: /\b(\d+|one|two|three|few|several|multiple|series|many)\b.{0,30}\b(sessions?|infusions?|treatments?|visits?)\b/i,
  },
];

/** How many of the kinds of fact the question asks for this sentence has (a time span, a session's length, a count). */
export function answerTypeMatches(question: string, sentence: string): number {
  return TYPED_QUESTIONS.filter((t) => t.question.test(question) && t.sentence.test(sentence)).length;
}

/** Whether the question asks for a kind of fact this sentence has. */
export function matchesAnswerType(question: string, sentence: string): boolean {
  return answerTypeMatches(question, sentence) > 0;
}

/** Word pairs too common to mean anything ("of the", "it is"). */
const FILLER = new Set(['the', 'a', 'an', 'of', 'to', 'is', 'it', 'and', 'in', 'for', 'on', 'be', 'are', 'this', 'that']);

/** Stemmed adjacent word pairs of a text, stopwords included ("should not", "drive home"), filler pairs left out. */
export function bigrams(text: string): Set<string> {
  const w = words(text).map(stem);
  const out = new Set<string>();
  for (let i = 0; i + 1 < w.length; i++) {
    const a = w[i] as string;
    const b = w[i + 1] as string;
    if (FILLER.has(a) && FILLER.has(b)) continue;
    out.add(`${a} ${b}`);
  }
  return out;
}

const BIGRAM_SETS = new Map<string, Set<string>>();
function sentenceBigrams(text: string): Set<string> {
  let set = BIGRAM_SETS.get(text);
  if (!set) {
    set = bigrams(text);
    if (BIGRAM_SETS.size < 5000) BIGRAM_SETS.set(text, set);
  }
  return set;
}

/** Share of the question's word pairs the sentence repeats: phrasing, and negation, that single terms miss. */
export function phraseOverlap(questionPairs: Set<string>, sentence: string): number {
  if (questionPairs.size === 0) return 0;
  const pairs = sentenceBigrams(sentence);
  let shared = 0;
  for (const p of questionPairs) if (pairs.has(p)) shared++;
  return shared / questionPairs.size;
}

/** Content terms of corpus sentences and headings, memoised (they are scored on every turn). */
const TERM_SETS = new Map<string, Set<string>>();
function termSet(text: string): Set<string> {
  let set = TERM_SETS.get(text);
  if (!set) {
    set = new Set(contentTerms(text));
    if (TERM_SETS.size < 5000) TERM_SETS.set(text, set);
  }
  return set;
}

/**
 * Light verbs carry almost no topic ("who should not *take* it", "how is it *given*"): matching one must not make
 * an unrelated sentence ("…antidepressants that can take weeks") look like a full match.
 */
const LIGHT_VERBS = new Set(
  'take takes taking took taken get gets getting got give gives giving given gave have has having had do does doing did make makes making made go goes going put keep let come need needs needed want wants'
    .split(' ')
    .map(stem),
);
const LIGHT_VERB_WEIGHT = 0.25;
/** IDF mass of a single fairly specific term (df ≈ 5 of 68 passages). */
const MIN_QUESTION_MASS = 2.5;

/** IDF-weighted coverage of the question's terms by a sentence (and half credit for its heading). */
export function coverage(terms: QueryTerms, sentence: string, heading: string | undefined, stats: TermStats): number {
  const inSentence = termSet(sentence);
  const inHeading = termSet(heading ?? '');
  let total = 0;
  let got = 0;
  for (const t of terms.own) {
    const w = stats.idf(t) * (LIGHT_VERBS.has(t) ? LIGHT_VERB_WEIGHT : 1);
    total += w;
    got += inSentence.has(t) ? w : inHeading.has(t) ? w / 2 : 0;
  }
  // Synonym expansions stand in for missing own terms at half credit, and never for more than is missing:
  // a sentence full of expansion words must not outrank one that has the user's own words.
  let bonus = 0;
  for (const t of terms.expanded) if (inSentence.has(t)) bonus += stats.idf(t) / 2;
  if (total === 0) return 0;
  // A question of only weak words ("who should not take it?") has little to cover: matching all of it must not
  // count as a full match, so the denominator never drops below one specific term's worth.
  const denominator = Math.max(total, MIN_QUESTION_MASS);
  return (got + Math.min(bonus, (denominator - got) / 2)) / denominator;
}

/**
 * Every sentence of the retrieved chunks, scored against the question. A sentence repeated by chunk overlap is
 * kept once, under its best-ranked chunk.
 */
export function scoreCandidates(
  retrieved: RetrievedChunk[],
  queryVector: number[],
  terms: QueryTerms,
  textVectors: Map<string, number[]>,
  stats: TermStats,
): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  const negatedQuestion = NEGATION.test(terms.question);
  const questionPairs = bigrams(terms.question);
  retrieved.forEach(({ chunk }, chunkRank) => {
    const headingVector = chunk.section ? textVectors.get(chunk.section) : undefined;
    const headingSim = headingVector ? dot(queryVector, headingVector) : 0;
    for (const sentence of chunk.sentences) {
      const key = `${chunk.docId}\u0000${sentence.paragraph}\u0000${sentence.index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const vector = textVectors.get(sentence.text);
      const dense = vector ? dot(queryVector, vector) : 0;
      const cov = coverage(terms, sentence.text, chunk.section, stats);
      const spec = specificity(terms, sentence.text, stats);
      const score =
        SCORE_WEIGHTS.dense * dense +
        SCORE_WEIGHTS.coverage * cov +
        SCORE_WEIGHTS.heading * Math.max(0, headingSim) +
        SCORE_WEIGHTS.rank / (chunkRank + 1) +
        SCORE_WEIGHTS.specificity * spec +
        (negatedQuestion && NEGATION.test(sentence.text) ? SCORE_WEIGHTS.polarity : 0) +
        SCORE_WEIGHTS.phrase * phraseOverlap(questionPairs, sentence.text) +
        (defines(terms, sentence.text) ? SCORE_WEIGHTS.definition : 0) +
        SCORE_WEIGHTS.answerType * answerTypeMatches(terms.question, sentence.text);
      out.push({ text: sentence.text, chunk, sentence, chunkRank, dense, coverage: cov, headingSim, specificity: spec, score });
    }
  });
  return out.sort((a, b) => b.score - a.score);
}
