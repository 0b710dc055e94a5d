/** Words that carry no topic on their own (questions are full of them). */
export const STOPWORDS = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below between
  both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from
  further had hadn't has hasn't have haven't having he her here hers herself him himself his how i i'd i'll i'm i've
  if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of off on once only or other
  ought our ours ourselves out over own same she should shouldn't so some such than that that's the their theirs
  them themselves then there there's these they they'd they'll they're they've this those through to too under
  until up very was wasn't we we'd we'll we're we've were weren't what what's when where which while who who's whom
  why will with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves also just really
  get gets got please tell know want like much many may might must shall ok okay hi hey thanks thank
  whats hows whos wheres whens whys dont doesnt didnt cant isnt arent wasnt werent wont wouldnt shouldnt couldnt
  havent hasnt im ive id youre theyre thats theres`
    .split(/\s+/)
    .filter(Boolean),
);

/** Lowercases, folds typographic apostrophes, drops possessive 's, splits into word tokens (hyphens kept). */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[’‘`]/g, "'")
      .match(/[a-z0-9]+(?:['-][a-z0-9]+)*/g) ?? []
  ).map((w) => w.replace(/'s$/, ''));
}

/** A light suffix-stripping stemmer: enough to meet "infusions"/"infusion", "approved"/"approve". */
export function stem(word: string): string {
  let w = word.replace(/'s$/, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (/([bdgmnpt])\1$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Content terms of a text: words minus stopwords, stemmed. Hyphenated words stay whole ("half-life"). */
export function contentTerms(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);
}

/** Contractions typed without an apostrophe ("whats", "doesnt"), spelled out so both retrieval sides read them. */
const BARE_CONTRACTIONS: Record<string, string> = {
  whats: 'what is', hows: 'how is', whos: 'who is', wheres: 'where is', whens: 'when is', whys: 'why is',
  dont: 'do not', doesnt: 'does not', didnt: 'did not', cant: 'can not', isnt: 'is not', arent: 'are not',
  wasnt: 'was not', werent: 'were not', wont: 'will not', wouldnt: 'would not', shouldnt: 'should not',
  couldnt: 'could not', havent: 'have not', hasnt: 'has not', im: 'i am', ive: 'i have', youre: 'you are',
  theyre: 'they are', thats: 'that is', theres: 'there is',
};

/** Spells out apostrophe-less contractions, leaving everything else as typed. */
export function expandContractions(text: string): string {
  return text.replace(/\b[a-z]+\b/gi, (w) => BARE_CONTRACTIONS[w.toLowerCase()] ?? w);
}
