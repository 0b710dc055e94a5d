import { words } from '../../text/tokenize.js';

/** Number words: a sentence stating "two sessions" says as much as "2 sessions". */
const NUMBER_WORDS = new Set(
  'zero one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred thousand million half dozen once twice'.split(
    ' ',
  ),
);
/** Dose and unit words: any of them in a model sentence must be in the unit it cites (and the guard runs after). */
const DOSE_WORDS = /^(mg|mcg|ml|kg|milligrams?|micrograms?|millilit(?:er|re)s?|dos(?:e|es|age|ages|ing)|mg\/kg)$/;
/**
 * Claim words, by family: a sentence may say "approved" only if its unit says "approved", "approval" or "approve".
 * These are the words whose invention turns a paraphrase into medical misinformation.
 */
const CLAIM_FAMILIES: readonly RegExp[] = [
  /^approv(?:e|ed|es|al|als)$/,
  /^(?:cure|cures|cured|curing|curative)$/,
  /^(?:safe|safely|safer|safest)$/,
  /^(?:prove|proved|proven|proves|proof)$/,
  /^guarantee(?:s|d)?$/,
  /^(?:effective|effectively|efficacy|efficacious)$/,
  /^fda$/,
  /^permanent(?:ly)?$/,
  /^(?:miracle|miraculous)$/,
  /^(?:legal|legally|illegal)$/,
  /^(?:addictive|non-addictive|addiction)$/,
];

/** Strips a trailing `%` and thousands separators so "50%" and "1,000" compare as tokens. */
const numberToken = (w: string) => w.replace(/,/g, '');

/**
 * Numbers, dose words and claim words in `sentence` that its cited text does not contain. Empty means the sentence
 * adds none. Digits compare exactly ("2019" must be there); words compare as whole tokens or word families.
 */
export function unsupportedFacts(sentence: string, citedText: string): string[] {
  const unit = words(citedText).map(numberToken);
  const unitSet = new Set(unit);
  const missing: string[] = [];
  for (const raw of words(sentence)) {
    const w = numberToken(raw);
    if (/\d/.test(w) || NUMBER_WORDS.has(w) || DOSE_WORDS.test(w)) {
      if (!unitSet.has(w)) missing.push(w);
      continue;
    }
    const family = CLAIM_FAMILIES.find((f) => f.test(w));
    if (family && !unit.some((u) => family.test(u))) missing.push(w);
  }
  return missing;
}
