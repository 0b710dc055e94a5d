import { stem } from '../text/stem.js';
import { contentTerms } from '../text/stopwords.js';
import { words } from '../text/tokenize.js';
import type { Conversation } from '../core/conversation.js';
import { ellipsisFeatures, type Vocabulary } from './follow-up-features.js';
import { followUpModel } from './follow-up-model.js';

/** Options of {@link resolveFollowUp}. */
export interface ResolveOptions {
  /** The corpus vocabulary (the answerer's term stats): the model weighs known and unknown topic words apart. */
  vocabulary?: Vocabulary;
}

/**
 * Terms that ask *about* a topic without naming one ("how long", "is that safe", "does it help"): a follow-up made
 * only of these needs the previous turn's topic.
 */
const GENERIC = new Set(
  `long last lasting often much many work works help helps take takes get good bad common normal usual usually
  happen happens mean means cause causes go away wear off start kick need needs feel make do does safe risky
  dangerous effective okay fine true really typical typically soon fast quick quickly well worth ketamine ket k
  treatment therapy thing things stuff one ones kind type way ways time times best better great right first big
  small old young`
    .split(/\s+/)
    .filter(Boolean)
    .map(stem),
);

/** The topic-bearing terms of a message. */
export function salientTerms(message: string): string[] {
  return [...new Set(contentTerms(message).filter((t) => !GENERIC.has(t)))];
}

/**
 * The topic-bearing words of a text as written ("infusions", not the stem "infus"): what a follow-up borrows from
 * the previous question, so the one embedding of the turn reads real words and BM25 still gets the same stems.
 */
function salientWords(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of words(text)) {
    const t = contentTerms(w)[0];
    if (t === undefined || GENERIC.has(t) || seen.has(t)) continue;
    seen.add(t);
    out.push(w);
  }
  return out;
}

/** How a message is understood given the conversation so far. */
export interface ResolvedQuery {
  /** What retrieval searches for. */
  query: string;
  /** The topic this turn leaves behind for the next follow-up. */
  topic: string[];
  /** Whether the previous topic was borrowed. */
  followUp: boolean;
  /** For a follow-up: the units the previous turn answered from (the ranker prefers staying there). */
  previous?: { unitIds: string[] };
}

/**
 * Resolves an elliptical follow-up ("how long do they last?", "is that safe?") against the previous turn's question
 * (its topic words as written) and its answer units (handed to the ranker).
 * A message that names its own topic ("does it help PTSD too?") stands on its own: "it" is ketamine.
 */
export function resolveFollowUp(
  message: string,
  conversation: Conversation,
  options: ResolveOptions = {},
): ResolvedQuery {
  const own = salientTerms(message);
  const previous = [...conversation.turns].reverse().find((t) => t.topic.length > 0);
  if (!previous || !leansOnEarlierTurn(message, own, options.vocabulary))
    return { query: message, topic: own.length > 0 ? own : contentTerms(message), followUp: false };
  // The previous turn's QUESTION (as resolved), not only its stems: "how many infusions will I need?" then "and over
  // what time period?" searches "… infusions need", which the dense match reads as words.
  const borrowed = salientWords(previous.resolvedQuery);
  return {
    query: `${message} ${(borrowed.length > 0 ? borrowed : previous.topic).join(' ')}`,
    // Its own words join the topic: after "does it help PTSD too?" the next follow-up is about PTSD as well.
    topic: [...new Set([...own, ...previous.topic])],
    followUp: true,
    previous: { unitIds: previous.chunkIds },
  };
}

/**
 * Whether a message leans on an earlier turn ("is that safe?", "and over what time period?", "how come?"): the
 * follow-up model (fitted on dev conversations, see follow-up-model.ts) over its own topic terms, length, pointing
 * back and continuation openers. "How does ketamine work?" is a new question, not a follow-up.
 */
export function leansOnEarlierTurn(message: string, own = salientTerms(message), vocabulary?: Vocabulary): boolean {
  return followUpModel.borrows(ellipsisFeatures(message, own, vocabulary));
}

/**
 * Whether a message cannot be answered without an earlier turn (used when there is none, to ask what it refers
 * to): the same model at its stricter no-history bar, so "What is dissociation?" is answered and "and is that
 * permanent?" is questioned back.
 */
export function isElliptical(message: string, own = salientTerms(message)): boolean {
  return followUpModel.needsContext(ellipsisFeatures(message, own));
}
