/**
 * The one contractions map. The safety policy's normaliser and the answering side (retrieval, follow-ups) both
 * spell contractions out through {@link expandContractions}, so "hows the treatment done" reads "how is the
 * treatment done" to both, and a rule written against "do not" matches "dont", "don't" and "don’t".
 */

/** Contraction (lowercase, ASCII apostrophe) → spelled out. */
export const CONTRACTIONS: Readonly<Record<string, string>> = {
  "i'm": 'i am',
  "i've": 'i have',
  "i'd": 'i would',
  "i'll": 'i will',
  "can't": 'can not',
  cannot: 'can not',
  "won't": 'will not',
  "don't": 'do not',
  "doesn't": 'does not',
  "didn't": 'did not',
  "isn't": 'is not',
  "aren't": 'are not',
  "wasn't": 'was not',
  "weren't": 'were not',
  "shouldn't": 'should not',
  "wouldn't": 'would not',
  "couldn't": 'could not',
  "haven't": 'have not',
  "hasn't": 'has not',
  "hadn't": 'had not',
  "mustn't": 'must not',
  "needn't": 'need not',
  "it's": 'it is',
  "that's": 'that is',
  "what's": 'what is',
  "there's": 'there is',
  "who's": 'who is',
  "how's": 'how is',
  "where's": 'where is',
  "when's": 'when is',
  "why's": 'why is',
  "here's": 'here is',
  "he's": 'he is',
  "she's": 'she is',
  "you're": 'you are',
  "we're": 'we are',
  "they're": 'they are',
  "you'll": 'you will',
  "we'll": 'we will',
  "they'll": 'they will',
  "you've": 'you have',
  "we've": 'we have',
  "they've": 'they have',
};

/**
 * Contractions also recognised typed without the apostrophe ("dont", "whats"). Left out: those that are another
 * word without it ("we're"/"were", "we'll"/"well", "i'll"/"ill", "it's"/"its", "he's"/"hes", "i'd"/"id").
 */
const BARE = new Set([
  "i'm",
  "i've",
  "can't",
  "won't",
  "don't",
  "doesn't",
  "didn't",
  "isn't",
  "aren't",
  "wasn't",
  "weren't",
  "shouldn't",
  "wouldn't",
  "couldn't",
  "haven't",
  "hasn't",
  "hadn't",
  "mustn't",
  "needn't",
  "that's",
  "what's",
  "there's",
  "who's",
  "how's",
  "where's",
  "when's",
  "why's",
  "you're",
  "they're",
]);

/** Every spelling recognised (ASCII apostrophe, or none for {@link BARE} forms) → spelled out. */
const SPELLED = new Map<string, string>([
  ...Object.entries(CONTRACTIONS),
  ...[...BARE].map((c): [string, string] => [c.replace("'", ''), CONTRACTIONS[c] as string]),
]);

/** Every spelling {@link expandContractions} recognises, apostrophe-less forms included ("dont"). */
export const CONTRACTION_SPELLINGS: readonly string[] = [...SPELLED.keys()];

const APOSTROPHE = "['’‘`´\u02bc]";
const ANY_APOSTROPHE = new RegExp(APOSTROPHE, 'u');
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest first, so "doesn't" is never read as "does" + "n't". */
const PATTERN = new RegExp(
  `\\b(?:${Object.keys(CONTRACTIONS)
    .sort((a, b) => b.length - a.length)
    .map((c) => escapeRegex(c).replace("'", BARE.has(c) ? `${APOSTROPHE}?` : APOSTROPHE))
    .join('|')})(?![\\w'’])`,
  'giu',
);

/** Only the apostrophe-less forms ("dont", "hows"). */
const BARE_PATTERN = new RegExp(`\\b(?:${[...BARE].map((c) => c.replace("'", '')).join('|')})\\b`, 'giu');

/** Options for {@link expandContractions}. */
export interface ExpandOptions {
  /**
   * Also spell out contractions typed with an apostrophe ("don't", "what's"). The safety policy does (its rules are
   * written against "do not"). Retrieval does not: the tokenizer already reads "don't" as one stop word, and a
   * question keeps its own wording for the embedding model. Default false.
   */
  withApostrophe?: boolean;
}

/** Spells out contractions (any case, any apostrophe), lowercase; everything else stays as typed. */
export function expandContractions(text: string, options: ExpandOptions = {}): string {
  const pattern = options.withApostrophe ? PATTERN : BARE_PATTERN;
  return text.replace(pattern, (found) => SPELLED.get(found.toLowerCase().replace(ANY_APOSTROPHE, "'")) ?? found);
}
