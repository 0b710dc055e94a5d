/**
 * The shape of one message, as the safety policy reads it beside the classifier: its clauses, whether it is a
 * worried treatment question, whether it is in a language the bot cannot read. No model, no lexicon file.
 */
import { wordCount } from '../text/tokenize.js';
import { STOPWORDS } from '../text/stopwords.js';
import { foldText } from './classifier/features.js';
import { QUESTION } from './lexicon.js';

/** Sentences and clauses of one message judged separately by the crisis detector (each costs an embedding). */
const MAX_CLAUSES = 6;

/**
 * The clauses of a message ("everything feels pointless, does it work fast?" → two): despair next to a question is
 * diluted in the whole message's vector, but plain in its own clause.
 */
export function clausesOf(message: string): string[] {
  const parts = message.split(/(?<=[.!?;,])\s+/).filter((c) => wordCount(c) >= 3);
  return parts.length > 1 ? parts.slice(0, MAX_CLAUSES) : [];
}

/**
 * First-person worry or low mood given as the reason for an ordinary treatment question ("I'm scared it won't work,
 * how many people respond?", "I feel low, would it help people like me?"): with no crisis, emergency or despair cue
 * the detector's crisis verdict on it becomes the middle tier (answer plus the supportive line).
 */
const WORRY =
  /\b(scared|afraid|nervous|worried|worry|anxious|terrified|frightened|feel(ing)? (low|down|sad|blue|depressed))\b/i;
const TREATMENT =
  /\b(ketamine|esketamine|spravato|infusions?|sessions?|treatments?|therapy|clinics?|spray|side effects?|it (won ?t|wont|will|would|might|could|doesn ?t|does) (work|help))\b/i;
export const worriedQuestion = (m: string) => QUESTION.test(m) && WORRY.test(m) && TREATMENT.test(m.replace(/'/g, ' '));

/** At least this many words (of two letters or more) make a message long enough to call unreadable. */
const UNREADABLE_WORDS = 3;

/**
 * A message in a language the bot cannot read (no English stop word, most words unknown to the training
 * vocabulary: Swedish, Polish, Russian typed in Latin letters…): it cannot rule despair out, so it adds the
 * supportive line.
 */
export function unreadable(message: string, vocabulary: ReadonlySet<string>): boolean {
  const words = foldText(message)
    .split(' ')
    .filter((w) => w.length > 1 && !/\d/.test(w));
  if (words.length < UNREADABLE_WORDS || words.some((w) => STOPWORDS.has(w))) return false;
  // Half unknown: one typo or a drug name in an English message is not another language.
  return words.filter((w) => !vocabulary.has(w)).length > words.length / 2;
}
