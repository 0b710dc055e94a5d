import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fromProjectRoot } from '../../src/paths.js';
import { foldText } from '../../src/safety/classifier/features.js';
import { loadSeeds } from '../../src/safety/classifier/training-data.js';
import { readingsOf } from '../../src/safety/deobfuscate.js';
import { LEXICON_FILE, loadLexicon } from '../../src/safety/lexicon.js';
import { clausesOf } from '../../src/safety/message-shape.js';
import { phraseMatcher } from '../../src/safety/phrase-match.js';
import { STOPWORDS } from '../../src/text/stopwords.js';
import { referencePhraseMatcher } from './reference-phrase-match.js';

// The indexed phrase matcher must return exactly what trying every phrase at every word returned (the reference,
// a copy of the matcher before indexing): same phrase, so the same verdict, on every text the policy is tuned on.

/** Every string in a YAML file (prompts, questions, follow-ups: whatever field they sit in). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  return value && typeof value === 'object' ? Object.values(value).flatMap(stringsOf) : [];
}
const yamlIn = (...dir: string[]) =>
  readdirSync(fromProjectRoot(...dir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => fromProjectRoot(...dir, f));
const files = [
  ...yamlIn('evals', 'safety'),
  ...yamlIn('src', 'safety', 'training'),
  ...yamlIn('evals', 'dev'),
  fromProjectRoot('corpus', 'questions.yaml'),
];
const messages = [...new Set(files.flatMap((f) => stringsOf(parse(readFileSync(f, 'utf8')))))];
const vocabulary = new Set([...STOPWORDS, ...loadSeeds().flatMap((s) => foldText(s.text).split(' '))]);
// As the policy reads them: the message, its decoded readings and its clauses.
const texts = [...new Set(messages.flatMap((m) => [m, ...readingsOf(m, vocabulary), ...clausesOf(m)]))];

const lexicon = parse(readFileSync(LEXICON_FILE, 'utf8')) as Record<string, Record<string, string[]>>;
const lists = (['crisis', 'despair', 'emergency'] as const).map((name) => {
  const phrases = Object.values(lexicon[name] ?? {})
    .flat()
    .map(foldText);
  const options = { fuzzy: name !== 'emergency' };
  return { name, phrases, fast: phraseMatcher(phrases, options), reference: referencePhraseMatcher(phrases, options) };
});

/** Typos of a long phrase word (one dropped, doubled, swapped or changed letter, two dropped), in a sentence. */
function typos(phrase: string): string[] {
  return phrase.split(' ').flatMap((w, i, ws) => {
    if (w.length < 5) return [];
    const at = (s: string) => `honestly ${[...ws.slice(0, i), s, ...ws.slice(i + 1)].join(' ')} today`;
    const m = Math.floor(w.length / 2);
    return [
      w.slice(0, m) + w.slice(m + 1),
      w.slice(0, m) + w[m] + w.slice(m),
      w.slice(0, m - 1) + w[m] + w[m - 1] + w.slice(m + 1),
      `${w.slice(0, m)}x${w.slice(m + 1)}`,
      w.slice(0, m - 1) + w.slice(m + 1),
      `${w}s`,
      w.slice(1),
    ].map(at);
  });
}

describe('indexed phrase matcher', () => {
  it('returns the reference phrase on every dev safety prompt, seed, dev question and bank question', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(texts.length).toBeGreaterThan(5000);
    for (const { name, fast, reference } of lists) {
      let found = 0;
      for (const text of texts) {
        const folded = foldText(text);
        const expected = reference(folded);
        if (fast(folded) !== expected)
          expect({ name, text, phrase: fast(folded) }).toEqual({ name, text, phrase: expected });
        if (expected !== undefined) found++;
      }
      // Both found some (the sets hold crisis prompts in many languages), so agreement is not agreement on nothing.
      expect(found, name).toBeGreaterThan(50);
    }
  });

  it('returns the reference phrase on typos of every phrase (the edit-distance path)', () => {
    for (const { name, phrases, fast, reference } of lists) {
      const variants = [...new Set(phrases.flatMap(typos))].map(foldText);
      let found = 0;
      for (const text of variants) {
        const expected = reference(text);
        if (fast(text) !== expected)
          expect({ name, text, phrase: fast(text) }).toEqual({ name, text, phrase: expected });
        if (expected !== undefined) found++;
      }
      expect(found, name).toBeGreaterThan(100);
      expect(variants.length - found, name).toBeGreaterThan(100);
    }
  });

  it('gives the lexicon the reference verdicts on raw text (each text folded once, shared by the lists)', () => {
    const bundled = loadLexicon();
    const [crisis, despair, emergency] = lists;
    for (const text of texts.slice(0, 3000)) {
      const folded = foldText(text);
      expect([bundled.emergency(text), bundled.crisis(text), bundled.despair(text)], text).toEqual(
        [emergency, crisis, despair].map((l) => l?.reference(folded) !== undefined),
      );
    }
  });
});
